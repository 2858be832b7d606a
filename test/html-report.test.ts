// report --format html: one page with inline CSS and SVG charts, nothing
// live from the logs in it, and a page a real browser draws.

import { spawnSync } from 'node:child_process';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { escapeHtml } from '../src/report/html.js';
import { cli, SAMPLES, tempDir } from './helpers.js';

function ingested(dir: string, ...files: string[]): string {
  const db = join(dir, 'html.db');
  expect(cli(['ingest', '--db', db, '--year', '2026', '--tz', 'UTC', ...files]).status).toBe(0);
  return db;
}

function page(db: string, ...args: string[]): string {
  const r = cli(['report', '--db', db, '--tz', 'UTC', '--format', 'html', ...args]);
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return r.stdout;
}

/** Every `<tag` opening in the page, lower-cased: what a browser would make elements of. */
const tags = (html: string) => new Set([...html.matchAll(/<([a-zA-Z][a-zA-Z0-9-]*)/g)].map((m) => m[1].toLowerCase()));

describe('escapeHtml', () => {
  it('escapes the five characters that end text or an attribute', () => {
    expect(escapeHtml(`<a href="x" title='y'>&amp;</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;');
  });
});

describe('the page of the samples', () => {
  let html = '';
  beforeAll(() => {
    const dir = tempDir(true);
    html = page(ingested(dir, join(SAMPLES, 'postfix'), join(SAMPLES, 'exim'), join(SAMPLES, 'qmail')));
  });

  it('has every section of the default report', () => {
    for (const id of ['summary', 'failures', 'traffic', 'domains', 'reasons', 'coverage']) expect(html).toContain(`<section id="${id}">`);
    expect(html).toContain('Outbound (mail we could not deliver): 207 failed messages');
    expect(html).toContain('Inbound (what our server refused): 51 refused messages');
  });

  it('draws the charts as inline SVG: per-day causes of three directions, hours, domain rate and trend', () => {
    expect(html.match(/<svg /g)).toHaveLength(6);
  });

  it('gives each top reason an anchor its own link points at', () => {
    const ids = [...html.matchAll(/<li id="(reason-[^"]+)"><a class="anchor" href="#([^"]+)">/g)];
    expect(ids.length).toBe(10);
    for (const [, id, href] of ids) expect(href).toBe(id);
  });

  it('has no script and loads nothing: no src or href outside the page', () => {
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/\s(?:src|href)\s*=\s*(?!["']?#)/i);
    expect(html).not.toMatch(/@import|url\((?!['"]?#)/i);
  });

  it('covers the last 30 days of the data by default and says which day is the last', () => {
    expect(html).toContain('From 2026-10-24 00:00 on (UTC)');
    expect(html).toContain('The last day, 2026-11-22, is drawn darker.');
  });
});

describe('text from the logs', () => {
  const LOG = [
    `2026-11-24T09:59:59.000000+00:00 vm postfix/qmgr[792]: 50B57160055: from=<"a&b"@example.net>, size=299, nrcpt=1 (queue active)`,
    `2026-11-24T10:00:00.000000+00:00 vm postfix/smtp[844]: 50B57160055: to=<"<script>alert(1)</script>"@example.com>, relay=mx.example.com[192.0.2.7]:25, delay=0.06, delays=0.02/0.02/0/0.01, dsn=5.1.1, status=bounced (host mx.example.com[192.0.2.7] said: 550 5.1.1 <"<script>alert(1)</script>"@example.com>: "Tom & Jerry" <img src=x onerror=alert(1)> user unknown (in reply to RCPT TO command))`,
    `2026-11-24T10:01:00.000000+00:00 vm postfix/smtpd[3395]: NOQUEUE: reject: RCPT from <img src=x onerror=alert(1)>[192.0.2.9]: 554 5.7.1 <"<img src=x onerror=alert(1)>"@elsewhere.test>: Relay access denied; from=<'x'&y@evil.example> to=<"<img src=x onerror=alert(1)>"@elsewhere.test> proto=ESMTP helo=<<script>>`,
  ];

  it('shows markup in addresses, hosts and replies as text, never as elements', () => {
    const dir = tempDir();
    const log = join(dir, 'mail.log');
    writeFileSync(log, `${LOG.join('\n')}\n`);
    const html = page(ingested(dir, log));
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&quot;Tom &amp; Jerry&quot; &lt;img src=x onerror=alert(1)&gt;');
    expect(tags(html).has('script')).toBe(false);
    expect(tags(html).has('img')).toBe(false);
    expect(html).not.toMatch(/onerror=alert\(1\)>(?!&)/);
  });
});

const BROWSER = ['chromium', 'chromium-browser'].find((name) => spawnSync(name, ['--version'], { encoding: 'utf8' }).status === 0);

/** Distinct byte values of a PNG's image data: a blank page has a handful (white, filter types), a drawn one many. */
function distinctImageBytes(png: Buffer): number {
  const chunks: Buffer[] = [];
  for (let at = 8; at < png.length; ) {
    const length = png.readUInt32BE(at);
    if (png.toString('latin1', at + 4, at + 8) === 'IDAT') chunks.push(png.subarray(at + 8, at + 8 + length));
    at += 12 + length;
  }
  return new Set(inflateSync(Buffer.concat(chunks))).size;
}

function render(browser: string, file: string, dir: string): { dom: string; png: Buffer; shot: string } {
  const shot = join(dir, `${Date.now()}.png`);
  const flags = ['--headless', '--no-sandbox', '--disable-gpu', '--hide-scrollbars', '--window-size=1200,2000'];
  const dom = spawnSync(browser, [...flags, '--dump-dom', `file://${file}`], { encoding: 'utf8', timeout: 60_000 });
  expect(dom.status).toBe(0);
  expect(spawnSync(browser, [...flags, `--screenshot=${shot}`, `file://${file}`], { timeout: 60_000 }).status).toBe(0);
  return { dom: dom.stdout, png: readFileSync(shot), shot };
}

describe.skipIf(BROWSER === undefined)('in a real browser (chromium)', () => {
  it('renders the charts into the DOM and draws a page that is not blank', () => {
    const dir = tempDir();
    const file = join(dir, 'report.html');
    writeFileSync(file, page(ingested(dir, join(SAMPLES, 'postfix'), join(SAMPLES, 'exim'), join(SAMPLES, 'qmail'))));
    const { dom, png, shot } = render(BROWSER!, file, dir);
    expect(dom.match(/<svg [^>]*class="marks"/g)).toHaveLength(6);
    expect(dom).toContain('<section id="reasons">');
    expect(distinctImageBytes(png)).toBeGreaterThan(100);
    // docs/report-html.png is this screenshot: MAILLOG_SCREENSHOT=docs/report-html.png npx vitest run test/html-report.test.ts
    if (process.env.MAILLOG_SCREENSHOT) copyFileSync(shot, process.env.MAILLOG_SCREENSHOT);

    const blank = join(dir, 'blank.html');
    writeFileSync(blank, '<!DOCTYPE html><title>blank</title>');
    expect(distinctImageBytes(render(BROWSER!, blank, dir).png)).toBeLessThan(20);
  }, 180_000);
});

if (BROWSER === undefined) it.skip('in a real browser: skipped, chromium is not installed (.ci/run installs it)', () => {});
