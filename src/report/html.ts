// `report --format html`: the default report as one self-contained page.
// Inline CSS and SVG charts rendered at report time; no script and no
// request to anything outside the file, so it reads offline, on a phone and
// printed. Every text from the logs passes through escapeHtml.

import type { Direction } from '../../parsers/events.js';
import { causeText, isCauseId } from '../classify/causes.js';
import type { Db } from '../store/database.js';
import { wallClockText } from '../time-zone.js';
import { breakdown, type Column, type CountMode, type Row } from './breakdown.js';
import { CAUSE_COLOURS, domainRateSpec, domainTrendSpec, failuresPerDaySpec, svgOf, trafficPerHourSpec } from './charts.js';
import { COVERAGE_COLUMNS, coverage } from './coverage.js';
import { periodHeading } from './dates.js';
import { DIRECTIONS, type Filters } from './filters.js';
import { problems } from './problems.js';
import { formatCell } from './render.js';
import { countOf, HEADING } from './sections.js';
import { formatBytes, summary, withoutContextNote } from './summary.js';
import { lastTrafficDay } from './html-period.js';
import { traffic, unitsBetween } from './traffic.js';

/** Destination domains the page charts. */
const TOP_DOMAINS = 15;
/** Reasons the page lists. */
const TOP_REASONS = 10;

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text made safe for HTML content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

function table(columns: Column[], rows: Row[]): string {
  const head = columns.map((c) => `<th${c.numeric ? ' class="n"' : ''}>${escapeHtml(c.header)}</th>`).join('');
  const body = rows.map((r) => `<tr>${columns.map((c) => `<td${c.numeric ? ' class="n"' : ''}>${escapeHtml(formatCell(c, r[c.key]))}</td>`).join('')}</tr>`).join('\n');
  return `<table><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

function swatch(cause: string): string {
  const colour = isCauseId(cause) ? CAUSE_COLOURS[cause] : '#ccc';
  return `<span class="sw" style="background:${colour}"></span>`;
}

function figure(svg: string, caption: string): string {
  return `<figure>${svg}<figcaption>${escapeHtml(caption)}</figcaption></figure>`;
}

/** A reason's anchor: fingerprints are hashes, but anything else in an id is replaced all the same. */
const reasonAnchor = (fingerprint: string) => `reason-${fingerprint.replace(/[^A-Za-z0-9_-]/g, '_')}`;

export interface HtmlInput {
  filters: Filters;
  count: CountMode;
  /** Unnarrowed by cause, domain or outcome: the traffic, summary and MTA problems apply. */
  whole: boolean;
  /** This site's mail domains, left out of the destinations. */
  ownDomains: readonly string[];
}

export async function htmlReport(db: Db, { filters, count, whole, ownDomains }: HtmlInput): Promise<string> {
  const zone = filters.zone;
  const last = lastTrafficDay(db, filters);
  const first = filters.since !== undefined ? wallClockText(Date.parse(filters.since), zone).slice(0, 10) : null;
  const days = last === null ? [] : unitsBetween('day', [first !== null && first <= last ? first : last, last]);
  const countTitle = count === 'messages' ? 'failed messages' : 'failures';
  const parts: string[] = [];

  if (whole) {
    const s = summary(db, filters);
    const rows: [string, number, string][] = [
      ['received', s.received, s.received_bytes > 0 ? formatBytes(s.received_bytes) : ''],
      ['delivered', s.delivered, s.delivered_bytes > 0 ? formatBytes(s.delivered_bytes) : ''],
      ['deferred', s.deferred, `${s.deferred_attempts} attempts`],
      ['bounced', s.bounced, ''],
      ['expired', s.expired, ''],
      ['rejected', s.rejected, ''],
    ];
    const body = rows.map(([label, n, extra]) => `<tr><th>${label}</th><td class="n">${n}</td><td class="n">${escapeHtml(extra)}</td></tr>`).join('\n');
    const note = withoutContextNote(s);
    parts.push(`<section id="summary"><h2>Summary</h2><table class="summary"><tbody>\n${body}\n</tbody></table>${note ? `<p class="note">${escapeHtml(note)}.</p>` : ''}</section>`);
  }

  const perDirection: string[] = [];
  for (const direction of DIRECTIONS) perDirection.push(await directionBlock(db, filters, direction, count, days, last, countTitle));
  parts.push(`<section id="failures"><h2>Failures per day by cause</h2>${last ? `<p class="note">The last day, ${escapeHtml(last)}, is drawn darker.</p>` : ''}${perDirection.join('\n')}</section>`);

  if (whole) {
    const hours = traffic(db, filters, 'hour');
    const chart = hours.length ? figure(await svgOf(trafficPerHourSpec(hours)), `Recipients delivered and failure lines (each retry counts) per hour of the day (${zone}), summed over the period's days.`) : '<p>No traffic in this period.</p>';
    parts.push(`<section id="traffic"><h2>Traffic per hour</h2>${chart}</section>`);
  }

  parts.push(await domainsBlock(db, filters, count, ownDomains, days, last, countTitle));
  parts.push(reasonsBlock(db, filters, count));

  if (whole) {
    const list = problems(db, filters);
    if (list.length) {
      const rows = list.map((p) => `<tr><td class="n">${p.count}</td><td>${escapeHtml(p.severity)}</td><td>${escapeHtml(p.program)}</td><td class="text">${escapeHtml(p.example)}</td></tr>`).join('\n');
      parts.push(`<section id="problems"><h2>MTA warnings and errors</h2><table><thead><tr><th class="n">lines</th><th>severity</th><th>program</th><th>first example</th></tr></thead><tbody>\n${rows}\n</tbody></table></section>`);
    }
  }

  parts.push(`<section id="coverage"><h2>Parse coverage</h2>${table(COVERAGE_COLUMNS, coverage(db, filters))}</section>`);
  return page(periodHeading(filters, zone), parts);
}

async function directionBlock(db: Db, filters: Filters, direction: Direction, count: CountMode, days: string[], last: string | null, countTitle: string): Promise<string> {
  const heading = HEADING[direction];
  const scoped = { ...filters, direction };
  const causes = breakdown(db, ['cause'], scoped, undefined, count);
  if (causes.total === 0) return `<h3>${escapeHtml(heading.empty)}</h3>`;
  const perDay = breakdown(db, ['day', 'cause'], scoped, undefined, count);
  const chart = last ? figure(await svgOf(failuresPerDaySpec(perDay.rows, days, last, countTitle)), `${heading.title}: ${countTitle} per day (${filters.zone}), by cause.`) : '';
  const rows = causes.rows
    .map((r) => `<tr><td>${swatch(String(r.cause))}${escapeHtml(String(r.cause))}</td><td class="n">${r.count}</td><td class="n">${escapeHtml(formatCell({ key: 'share', header: '', numeric: true }, r.share))}</td><td class="text">${escapeHtml(String(r.title))}<br><span class="advice">${escapeHtml(String(r.advice))}</span></td></tr>`)
    .join('\n');
  return `<h3>${escapeHtml(`${heading.title}: ${countOf(causes.total, count, heading.refused)}`)}</h3>${chart}<table><thead><tr><th>cause</th><th class="n">${escapeHtml(causes.columns.find((c) => c.key === 'count')!.header)}</th><th class="n">share</th><th>what it means, what to do</th></tr></thead><tbody>\n${rows}\n</tbody></table>`;
}

async function domainsBlock(db: Db, filters: Filters, count: CountMode, own: readonly string[], days: string[], last: string | null, countTitle: string): Promise<string> {
  const title = '<h2>Destination domains</h2>';
  if (filters.direction !== undefined && filters.direction !== 'outbound') return '';
  const top = breakdown(db, ['domain'], filters, TOP_DOMAINS, count, own);
  if (top.rows.length === 0) return `<section id="domains">${title}<p>No outbound failures in this period.</p></section>`;
  const domains = top.rows.map((r) => String(r.domain));
  const charts = [figure(await svgOf(domainRateSpec(top.rows)), `Permanent failure rate (bounced and expired over those and deliveries) of the ${domains.length} domains with the most outbound failures.`)];
  if (last) {
    const kept = new Set(domains);
    const perDay = breakdown(db, ['day', 'domain'], { ...filters, direction: 'outbound' }, undefined, count).rows.filter((r) => kept.has(String(r.domain)));
    charts.push(figure(await svgOf(domainTrendSpec(perDay, domains, days, last, countTitle)), `Their trend: ${countTitle} per day.`));
  }
  const columns = top.columns.filter((c) => c.key !== 'share');
  return `<section id="domains">${title}${charts.join('\n')}${table(columns, top.rows)}</section>`;
}

function reasonsBlock(db: Db, filters: Filters, count: CountMode): string {
  const reasons = breakdown(db, ['reason'], filters, TOP_REASONS, count);
  if (reasons.rows.length === 0) return '<section id="reasons"><h2>Top reasons</h2><p>No failures in this period.</p></section>';
  const items = reasons.rows.map((r) => {
    const anchor = reasonAnchor(String(r.fingerprint));
    const cause = String(r.cause ?? '');
    const advice = isCauseId(cause) ? causeText(cause, filters.direction).advice : '';
    return `<li id="${anchor}"><a class="anchor" href="#${anchor}">#</a> <strong>${r.count}</strong> ${swatch(cause)}${escapeHtml(cause)}<pre>${escapeHtml(String(r.example ?? ''))}</pre><p class="advice">${escapeHtml(advice)}</p></li>`;
  });
  return `<section id="reasons"><h2>Top reasons</h2><p class="note">The ${reasons.rows.length} most frequent distinct reasons, ${count === 'messages' ? 'in failed messages' : 'in failures'}, each with an example as the log gives it.</p><ol class="reasons">\n${items.join('\n')}\n</ol></section>`;
}

const STYLE = `
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;color:#222;max-width:900px;margin:0 auto;padding:1em}
h1{font-size:1.5em;margin-bottom:.2em}h2{border-bottom:1px solid #ccc;margin-top:1.6em}h3{font-size:1.05em}
table{border-collapse:collapse;margin:.5em 0 1em;font-size:.9em}th,td{padding:.2em .6em;border-bottom:1px solid #eee;text-align:left;vertical-align:top}
.n{text-align:right;font-variant-numeric:tabular-nums}.text{max-width:40em}.advice{color:#555}.note{color:#555;font-size:.9em}
.sw{display:inline-block;width:.8em;height:.8em;margin-right:.4em;border-radius:2px;vertical-align:baseline}
figure{margin:1em 0}figure svg{max-width:100%;height:auto}figcaption{font-size:.85em;color:#555}
pre{white-space:pre-wrap;word-break:break-all;background:#f6f6f6;padding:.4em;font-size:.85em}
.reasons li{margin-bottom:.8em}.anchor{color:#999;text-decoration:none}
@media (max-width:600px){body{font-size:14px;padding:.5em}table{display:block;overflow-x:auto}}
@media print{body{max-width:none;font-size:11pt}.anchor{display:none}section,figure{break-inside:avoid}h2{break-after:avoid}}
`;

function page(heading: string, sections: string[]): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>maillog report</title>
<style>${STYLE}</style>
</head>
<body>
<h1>Mail delivery failures</h1>
<p>${escapeHtml(heading)}</p>
${sections.join('\n')}
</body>
</html>
`;
}
