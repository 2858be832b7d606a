// What `maillog check` counts as a change worth a finding. Each threshold is
// a flag (--min-volume) and a key of the rules file's `check:` section
// (min_volume); both are read and checked here, from one table, so they
// cannot drift apart. A flag overrides the file.

import { UserError } from '../errors.js';
import { dayCount } from '../days.js';

/** How a threshold is written, and so how it is read and checked. */
type Form = 'days' | 'count' | 'points' | 'percent';

const FORMS: Record<Form, string> = {
  days: 'a number of days or weeks, such as 7d or 2w (at most 365 days)',
  count: 'a whole number of at least 1',
  points: 'percentage points above 0 and at most 100, such as 2 or 0.5',
  percent: 'a percentage above 0, such as 50',
};

const MAX_BASELINE_DAYS = 365;

export const THRESHOLD_KEYS = [
  'baseline',
  'min_volume',
  'rate_rise_points',
  'rate_rise_percent',
  'deferring_share',
  'deferring_min',
  'unclassified_min',
  'quiet_min',
  'skipped_rise_points',
  'blocklist_min',
] as const;

export type ThresholdKey = (typeof THRESHOLD_KEYS)[number];

/** Thresholds as numbers: days, messages, percentage points or per cent, as each key's form says. */
export type Thresholds = Record<ThresholdKey, number>;

interface Definition {
  form: Form;
  default: number;
  describe: string;
}

export const THRESHOLDS: Record<ThresholdKey, Definition> = {
  baseline: { form: 'days', default: 7, describe: 'compare with this many days before the period (7d, 14d, 2w)' },
  min_volume: { form: 'count', default: 20, describe: 'messages a destination domain, or all outbound mail, needs in the period for its failure rate to be judged' },
  rate_rise_points: { form: 'points', default: 2, describe: 'a failure rate has risen when it is up by at least this many percentage points, and by --rate-rise-percent' },
  rate_rise_percent: { form: 'percent', default: 50, describe: 'a failure rate has risen when it is up by at least this per cent of its baseline value, and by --rate-rise-points' },
  deferring_share: { form: 'points', default: 50, describe: 'a destination is deferring when at least this per cent of its messages were deferred, out of --deferring-min or more' },
  deferring_min: { form: 'count', default: 10, describe: 'messages a destination needs in the period to be judged deferring' },
  unclassified_min: { form: 'count', default: 5, describe: 'failures from which an unclassified reason the baseline did not have is reported' },
  quiet_min: { form: 'count', default: 10, describe: 'a period with no delivery is reported when the baseline averaged at least this many a day' },
  skipped_rise_points: { form: 'points', default: 1, describe: 'percentage points by which the share of log lines skipped as unreadable must rise to be reported' },
  blocklist_min: { form: 'count', default: 1, describe: 'messages from which a refusal by a blocklist or reputation system is reported' },
};

export const DEFAULT_THRESHOLDS = Object.fromEntries(THRESHOLD_KEYS.map((k) => [k, THRESHOLDS[k].default])) as Thresholds;

/** The flag of a threshold: `--min-volume` for `min_volume`. */
export function flagOf(key: ThresholdKey): string {
  return key.replace(/_/g, '-');
}

/** A threshold's value as given (a flag's text, or a number or text of the rules file); null when it is not of the key's form. */
export function thresholdValue(key: ThresholdKey, given: string | number): number | null {
  const form = THRESHOLDS[key].form;
  if (form === 'days') {
    const days = dayCount(String(given));
    return days !== null && days <= MAX_BASELINE_DAYS ? days : null;
  }
  const text = String(given).trim();
  const n = text === '' ? NaN : Number(text);
  if (!Number.isFinite(n)) return null;
  if (form === 'count') return Number.isInteger(n) && n >= 1 ? n : null;
  if (form === 'points') return n > 0 && n <= 100 ? n : null;
  return n > 0 ? n : null;
}

/** A threshold's default as it is written: 7d, 20. */
export function defaultText(key: ThresholdKey): string {
  const { form, default: value } = THRESHOLDS[key];
  return form === 'days' ? `${value}d` : String(value);
}

/** What a threshold takes, for the one-line error about a wrong value. */
export function expectedForm(key: ThresholdKey): string {
  return FORMS[THRESHOLDS[key].form];
}

/** The defaults, then the rules file's values, then the flags given; a UserError naming the first wrong flag. */
export function resolveThresholds(fromFile: Partial<Thresholds>, flags: Partial<Record<ThresholdKey, string>>): Thresholds {
  const resolved: Thresholds = { ...DEFAULT_THRESHOLDS, ...fromFile };
  for (const key of THRESHOLD_KEYS) {
    const given = flags[key];
    if (given === undefined) continue;
    const value = thresholdValue(key, given);
    if (value === null) throw new UserError(`--${flagOf(key)} ${given}: expected ${expectedForm(key)}`);
    resolved[key] = value;
  }
  return resolved;
}
