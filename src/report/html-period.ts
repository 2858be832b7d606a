// The HTML report's default period, apart from the page itself: the report
// command reads it for every run, and the page's charting library is loaded
// only when a page is made.

import type { Db } from '../store/database.js';
import type { Filters } from './filters.js';
import { traffic } from './traffic.js';

/** Days of the default period: the last day with traffic and the 29 before it. */
export const DEFAULT_DAYS = 30;

/** The last day (in the report's zone) with traffic in the filters' period, or null for none. */
export function lastTrafficDay(db: Db, filters: Filters): string | null {
  const days = traffic(db, filters, 'day');
  return days.length ? String(days[days.length - 1].day) : null;
}

/** The first day of the default period that ends on `last`. */
export function defaultFirstDay(last: string): string {
  return new Date(Date.parse(`${last}T00:00:00Z`) - (DEFAULT_DAYS - 1) * 86_400_000).toISOString().slice(0, 10);
}
