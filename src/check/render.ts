// `maillog check` as text, for the mail cron sends: a heading that says what
// was compared, then each finding, most serious first, with when it started
// and what to do. Nothing at all when there is no finding.

import { periodHeading } from '../report/dates.js';
import { wrapText } from '../report/render.js';
import { wallClockText } from '../time-zone.js';
import { type Finding } from './finding.js';
import { plural } from '../output.js';
import { lengthInDays, type CheckWindows } from './periods.js';

const LABEL_WIDTH = 'CRITICAL'.length + 2;

function counts(findings: readonly Finding[]): string {
  const critical = findings.filter((f) => f.severity === 'critical').length;
  const parts = [critical > 0 ? `${critical} critical` : '', critical < findings.length ? plural(findings.length - critical, 'warning') : ''];
  return parts.filter((p) => p !== '').join(', ');
}

function comparedWith(windows: CheckWindows, baselineDays: number): string {
  const days = Math.round(lengthInDays(windows.baseline));
  return `compared with the ${plural(days, 'day')} before${days === baselineDays ? '' : ' (the database holds nothing earlier)'}`;
}

export function renderFindings(findings: readonly Finding[], windows: CheckWindows, baselineDays: number, zone: string): string {
  if (findings.length === 0) return '';
  const indent = ' '.repeat(LABEL_WIDTH);
  const out = [`maillog check: ${counts(findings)}`, periodHeading(windows.period, zone), comparedWith(windows, baselineDays), ''];
  for (const f of findings) {
    const label = f.severity.toUpperCase().padEnd(LABEL_WIDTH);
    out.push(label + wrapText(f.summary, indent).slice(indent.length));
    if (f.since !== null) out.push(`${indent}since ${wallClockText(Date.parse(f.since), zone)}`);
    out.push(wrapText(`What to do: ${f.advice}`, indent), '');
  }
  return out.join('\n');
}
