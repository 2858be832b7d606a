// The HTML report's charts: Vega-Lite specs compiled to Vega and rendered to
// static SVG in Node, so the page needs no script and no request to show them.
// Vega escapes the text it places in the SVG.

import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { CAUSE_IDS, type CauseId } from '../classify/causes.js';
import type { Row } from './breakdown.js';
import { failuresOf } from './traffic.js';

/**
 * One colour per cause id, in the taxonomy's order, so that a cause has the
 * same colour in every chart and every run, whichever causes a period holds.
 */
const PALETTE = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#1b9e77', '#d95f02', '#7570b3', '#e7298a', '#66a61e', '#a6761d', '#8c8c8c', '#3b3b3b'];

export const CAUSE_COLOURS: Record<CauseId, string> = Object.fromEntries(CAUSE_IDS.map((id, i) => [id, PALETTE[i]])) as Record<CauseId, string>;

const DELIVERED_COLOUR = '#59a14f';
const FAILED_COLOUR = '#e15759';
const WIDTH = 720;

/** Earlier days are drawn lighter, so the last day of the period stands out. */
const EARLIER_OPACITY = 0.45;

const CONFIG = { font: 'sans-serif', background: 'white', view: { stroke: null }, axis: { labelFontSize: 11, titleFontSize: 12 }, legend: { labelFontSize: 11 } };

export async function svgOf(spec: TopLevelSpec): Promise<string> {
  const view = new vega.View(vega.parse(compile({ ...spec, config: CONFIG } as TopLevelSpec).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** The colour scale of the causes a chart shows, each in its fixed colour. */
function causeScale(causes: string[]) {
  const shown = CAUSE_IDS.filter((id) => causes.includes(id));
  return { domain: shown, range: shown.map((id) => CAUSE_COLOURS[id]) };
}

const lastDayOpacity = (lastDay: string) => ({ condition: { test: `datum.day === ${JSON.stringify(lastDay)}`, value: 1 }, value: EARLIER_OPACITY });

/** Failures per day, stacked by cause; `days` are every day of the period, so days without failures show as gaps. */
export function failuresPerDaySpec(rows: Row[], days: string[], lastDay: string, countTitle: string): TopLevelSpec {
  return {
    width: WIDTH,
    height: 200,
    data: { values: rows.map((r) => ({ day: r.day, cause: r.cause, count: r.count })) },
    mark: { type: 'bar' },
    encoding: {
      x: { field: 'day', type: 'ordinal', scale: { domain: days }, axis: { title: null, labelAngle: -60 } },
      y: { field: 'count', type: 'quantitative', aggregate: 'sum', title: countTitle, axis: { tickMinStep: 1 } },
      color: { field: 'cause', type: 'nominal', scale: causeScale(rows.map((r) => String(r.cause))), legend: { title: 'cause', orient: 'bottom', columns: 3, labelLimit: 240 } },
      opacity: lastDayOpacity(lastDay),
      order: { field: 'cause' },
    },
  } as TopLevelSpec;
}

/** Deliveries and failure lines per hour of the day, side by side. */
export function trafficPerHourSpec(hours: Row[]): TopLevelSpec {
  const values = hours.flatMap((r) => [
    { hour: r.hour, kind: 'delivered', count: Number(r.delivered ?? 0) },
    { hour: r.hour, kind: 'failure lines', count: failuresOf(r) },
  ]);
  return {
    width: WIDTH,
    height: 180,
    data: { values },
    mark: { type: 'bar' },
    encoding: {
      x: { field: 'hour', type: 'ordinal', axis: { title: 'hour of the day', labelAngle: 0 } },
      xOffset: { field: 'kind' },
      y: { field: 'count', type: 'quantitative', title: 'messages / lines', axis: { tickMinStep: 1 } },
      color: { field: 'kind', type: 'nominal', scale: { domain: ['delivered', 'failure lines'], range: [DELIVERED_COLOUR, FAILED_COLOUR] }, legend: { title: null, orient: 'top' } },
    },
  } as TopLevelSpec;
}

/** Permanent failure rate per destination domain, the domains in the order given. */
export function domainRateSpec(rows: Row[]): TopLevelSpec {
  const values = rows.filter((r) => r.failure_rate !== null).map((r) => ({ domain: r.domain, rate: r.failure_rate }));
  return {
    width: WIDTH - 220,
    data: { values },
    mark: { type: 'bar', color: FAILED_COLOUR },
    encoding: {
      y: { field: 'domain', type: 'nominal', sort: null, axis: { title: null, labelLimit: 220 } },
      x: { field: 'rate', type: 'quantitative', title: 'permanent failure rate', axis: { format: '%' }, scale: { domain: [0, 1] } },
    },
  } as TopLevelSpec;
}

/** Each domain's failed messages per day: a row of cells per domain, darker for more. */
export function domainTrendSpec(rows: Row[], domains: string[], days: string[], lastDay: string, countTitle: string): TopLevelSpec {
  return {
    width: WIDTH - 220,
    data: { values: rows.map((r) => ({ day: r.day, domain: r.domain, count: r.count })) },
    mark: { type: 'rect' },
    encoding: {
      x: { field: 'day', type: 'ordinal', scale: { domain: days }, axis: { title: null, labelAngle: -60 } },
      y: { field: 'domain', type: 'nominal', scale: { domain: domains }, axis: { title: null, labelLimit: 220 } },
      color: { field: 'count', type: 'quantitative', title: countTitle, scale: { scheme: 'reds' } },
      opacity: lastDayOpacity(lastDay),
    },
  } as TopLevelSpec;
}
