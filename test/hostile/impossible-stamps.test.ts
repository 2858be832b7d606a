// A stamp naming a day, month or year that cannot be is a malformed line,
// never a time rolled over into the next month or another century.

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Mta } from '../../parsers/events.js';
import { PARSERS } from '../../parsers/registry.js';
import { openDatabase } from '../../src/store/database.js';
import { cli, parseLines, SAMPLES, tempDir } from '../helpers.js';

/** The first line of a sample that contains `marker`. */
function sampleLine(file: string, marker: string): string {
  return readFileSync(join(SAMPLES, file), 'utf8').split('\n').find((l) => l.includes(marker))!;
}

const BOUNCE = 'status=bounced';
const CASES: { mta: Mta; file: string; marker: string; stamp: string; impossible: string[] }[] = [
  { mta: 'postfix', file: 'postfix/syslog-rfc3164.log', marker: BOUNCE, stamp: 'Nov 22 21:22:16', impossible: ['Feb 29 21:22:16', 'Apr 31 21:22:16', 'Feb 30 21:22:16'] },
  { mta: 'postfix', file: 'postfix/maillog_file.log', marker: BOUNCE, stamp: 'Nov 22 21:19:37', impossible: ['Feb 29 21:19:37', 'Jun 31 21:19:37'] },
  {
    mta: 'postfix',
    file: 'postfix/syslog-rfc3339.log',
    marker: BOUNCE,
    stamp: '2026-11-22T21:22:16.377861+00:00',
    impossible: ['2026-02-29T21:22:16.377861+00:00', '2026-13-01T21:22:16.377861+00:00', '0000-11-22T21:22:16.377861+00:00', '2026-11-00T21:22:16.377861+00:00', '2026-11-31T21:22:16.377861+00:00', '2026-11-22T21:22:16.377861+99:99', '2026-11-22T21:22:16.377861-24:00'],
  },
  { mta: 'postfix', file: 'postfix/journal-short-iso.log', marker: BOUNCE, stamp: '2026-11-22T21:22:16+0000', impossible: ['2026-02-29T21:22:16+0000', '0000-11-22T21:22:16+0000', '2026-11-22T24:22:16+0000', '2026-11-22T21:22:16+9999', '2026-11-22T21:22:16+0160'] },
  { mta: 'exim', file: 'exim/mainlog', marker: ' ** ', stamp: '2026-11-22 21:25:10', impossible: ['2026-02-29 21:25:10', '2026-13-22 21:25:10', '0000-11-22 21:25:10', '2026-11-22 21:61:10', '2026-11-22 21:25:10 +9999', '2026-11-22 21:25:10 -2400'] },
  { mta: 'qmail', file: 'qmail/qmail-send.tai64nlocal.log', marker: 'failure', stamp: '2026-11-22 18:00:02.123456789', impossible: ['2026-02-29 18:00:02.123456789', '0000-11-22 18:00:02.123456789', '2026-09-31 18:00:02.123456789'] },
];

describe('impossible stamps', () => {
  for (const c of CASES) {
    it(`counts ${c.impossible.join(', ')} in ${c.file} as malformed`, () => {
      const line = sampleLine(c.file, c.marker);
      expect(line.startsWith(c.stamp)).toBe(true);
      expect(parseLines(PARSERS[c.mta](), [line]).kinds).toEqual(['recognised']);
      for (const stamp of c.impossible) {
        const { kinds, events } = parseLines(PARSERS[c.mta](), [stamp + line.slice(c.stamp.length)]);
        expect({ stamp, kinds, events }).toEqual({ stamp, kinds: ['malformed'], events: [] });
      }
    });
  }

  it('counts a TAI64N label or a splogger time past the year 9999 as malformed', () => {
    const multilog = sampleLine('qmail/qmail-send.multilog', 'failure');
    const splogger = sampleLine('qmail/qmail-send.splogger.log', 'failure');
    expect(parseLines(PARSERS.qmail(), [multilog, splogger]).kinds).toEqual(['recognised', 'recognised']);
    const far = [multilog.replace(/^@[0-9a-f]{8}/, '@7fffffff'), multilog.replace(/^@[0-9a-f]{8}/, '@40000100'), splogger.replace(/(qmail: )\d+/, '$1999999999999')];
    expect(parseLines(PARSERS.qmail(), far)).toEqual({ kinds: ['malformed', 'malformed', 'malformed'], events: [] });
  });

  it('ingests a qmail log with a label far in the future, counting that line as malformed', () => {
    const dir = tempDir();
    const log = join(dir, 'current');
    const lines = readFileSync(join(SAMPLES, 'qmail', 'qmail-send.multilog'), 'utf8').split('\n').slice(0, 8);
    writeFileSync(log, [...lines, sampleLine('qmail/qmail-send.multilog', 'failure').replace(/^@[0-9a-f]{8}/, '@7fffffff')].join('\n') + '\n');
    const run = cli(['ingest', '--db', join(dir, 'm.db'), log]);
    expect(run.stderr).toContain(`skipped 1 unparseable line in ${log} (1 malformed)`);
    expect(run.status).toBe(0);
  });

  it('reads 29 February in a leap year', () => {
    const line = sampleLine('postfix/syslog-rfc3339.log', BOUNCE).replace('2026-11-22', '2028-02-29');
    const { events } = parseLines(PARSERS.postfix(), [line]);
    expect(new Date(events[0].time).toISOString()).toBe('2028-02-29T21:22:16.377Z');
  });

  it('reports impossible dates of a run as malformed lines, and stores none of them', () => {
    const dir = tempDir();
    const db = join(dir, 'm.db');
    const log = join(dir, 'mail.log');
    const good = sampleLine('postfix/syslog-rfc3164.log', BOUNCE);
    writeFileSync(log, [good, good.replace('Nov 22', 'Feb 29'), good.replace('Nov 22', 'Nov 31')].join('\n') + '\n');
    const run = cli(['ingest', '--db', db, '--year', '2026', log]);
    expect(run.status).toBe(0);
    expect(run.stderr).toContain('skipped 2 unparseable lines');
    const check = openDatabase(db, { readonly: true });
    const times = check.prepare('SELECT time FROM events').pluck().all();
    check.close();
    expect(times).toEqual(['2026-11-22T21:22:16.000Z']);
  });
});
