// What ingest stores for the traffic report: traffic per hour, delays by
// class and the senders, clients, recipients and relays, checked against
// counts made by hand on the samples (the commands are beside each number).

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DeliveredEvent, ReceivedEvent } from '../parsers/events.js';
import { openDatabase } from '../src/store/database.js';
import { TrafficCounts } from '../src/store/traffic-counts.js';
import { cli, SAMPLES, tempDir } from './helpers.js';

function ingested(...files: string[]): string {
  const db = join(tempDir(), 'traffic.db');
  expect(cli(['ingest', '--db', db, '--year', '2026', '--tz', 'UTC', ...files.map((f) => join(SAMPLES, f))]).status).toBe(0);
  return db;
}

function query(path: string, sql: string): Record<string, unknown>[] {
  const db = openDatabase(path, { readonly: true });
  try {
    return db.prepare(sql).all() as Record<string, unknown>[];
  } finally {
    db.close();
  }
}

const hourly = (db: string) => query(db, 'SELECT kind, direction, sum(count) AS n FROM traffic_hourly GROUP BY kind, direction ORDER BY kind, direction');
const parties = (db: string) => query(db, 'SELECT role, count(*) AS parties, sum(count) AS n, sum(bytes) AS bytes FROM parties_daily GROUP BY role ORDER BY role');
const delays = (db: string) => query(db, 'SELECT direction, sum(count) AS n, sum(seconds) AS seconds, max(max_seconds) AS max FROM delays_daily GROUP BY direction ORDER BY direction');

describe('the Postfix sample', () => {
  const db = () => ingested('postfix/syslog-rfc3164.log');

  it('counts per hour what the daily aggregates count per day', () => {
    const path = db();
    const daily = query(
      path,
      `SELECT 'delivered' AS kind, direction, sum(count) AS n FROM deliveries_daily GROUP BY direction
       UNION ALL SELECT 'received', '', sum(count) FROM received_daily
       UNION ALL SELECT outcome, direction, sum(count) FROM failures_daily GROUP BY outcome, direction
       ORDER BY kind, direction`,
    );
    expect(hourly(path)).toEqual(daily);
    // f=samples/postfix/syslog-rfc3164.log; every line is of the hour 21 (UTC): cut -c8-9 $f | sort -u → 21
    expect(query(path, 'SELECT DISTINCT hour FROM traffic_hourly')).toEqual([{ hour: '2026-11-22T21' }]);
  });

  it('counts senders, the one SMTP client, recipients and relays by messages and bytes', () => {
    const path = db();
    // senders:    as received (test/summary.test.ts): 89 messages, 111730 bytes, from 2 senders (sender@example.net and the null sender)
    // client:     grep 'client=' $f → 3 queue ids; only BC28D16005D reached qmgr: grep 'BC28D16005D: from=' $f → size=373
    // recipients: grep -c 'status=sent' $f → 55, with the delivered bytes of test/summary.test.ts, 101716
    //             grep 'status=sent' $f | grep -oE 'to=<[^>]*>' | sort -u | wc -l → 15
    // relays:     grep 'status=sent' $f | grep -c 'postfix/smtp\[' → 54, all to relay=127.0.0.1[127.0.0.1]:port; 101716 less the local one's 319
    expect(parties(path)).toEqual([
      { role: 'client', parties: 1, n: 1, bytes: 373 },
      { role: 'recipient', parties: 15, n: 55, bytes: 101716 },
      { role: 'relay', parties: 1, n: 54, bytes: 101397 },
      { role: 'sender', parties: 2, n: 89, bytes: 111730 },
    ]);
    expect(query(path, "SELECT party FROM parties_daily WHERE role IN ('client', 'relay') ORDER BY role")).toEqual([{ party: 'localhost[127.0.0.1]' }, { party: '127.0.0.1[127.0.0.1]' }]);
  });

  it("keeps every delivery's delay= by class, its exact sum and its exact maximum", () => {
    const path = db();
    // grep 'status=sent' $f | grep -oE ' delay=[0-9.]+' | cut -d= -f2 | sort -g | tail -1     → 56
    // grep 'status=sent' $f | grep -oE ' delay=[0-9.]+' | cut -d= -f2 | paste -sd+ | bc       → 140.67
    // grep 'status=sent' $f | grep -oE ' delay=[0-9.]+' | cut -d= -f2 | awk '$1 < 0.1' | wc -l → 51, in class 0
    // the local one: grep 'status=sent' $f | grep 'relay=local' → delay=0.01
    const [local, outbound] = delays(path);
    expect(local).toEqual({ direction: 'local', n: 1, seconds: 0.01, max: 0.01 });
    expect(outbound).toMatchObject({ direction: 'outbound', n: 54, max: 56 });
    expect((outbound.seconds as number) + 0.01).toBeCloseTo(140.67, 9);
    expect(query(path, 'SELECT sum(count) AS n FROM delays_daily WHERE bucket = 0')).toEqual([{ n: 51 }]);
  });
});

describe('the Exim sample', () => {
  it('takes the delays from QT=, the relays from H= and the client from the arrival line', () => {
    const path = ingested('exim/mainlog', 'exim/rejectlog');
    // e=samples/exim/mainlog
    // grep -E ' (=>|->|\*>) ' $e | grep -oE ' QT=[^ ]+' | sort | uniq -c → 52 QT=0s, 2 QT=27s, 1 QT=54s: 55 delays, 108 s, at most 54 s
    // the local one: grep -E ' (=>|->|\*>) ' $e | grep -v T=remote_smtp → T=localok_file, QT=0s
    expect(delays(path)).toEqual([
      { direction: 'local', n: 1, seconds: 0, max: 0 },
      { direction: 'outbound', n: 54, seconds: 108, max: 54 },
    ]);
    // senders:    grep -c ' <= ' $e → 89, with S= summing to 98385 (test/summary.test.ts), from sender@example.net and <>
    // client:     grep ' <= ' $e | grep ' H=' → one, H=(client-n2.generate.test) [127.0.0.1]:37292, S=411
    // recipients: the 55 deliveries, 86004 bytes (test/summary.test.ts); relays: the 54 of T=remote_smtp, all H=127.0.0.1 [127.0.0.1]:port
    expect(parties(path)).toEqual([
      { role: 'client', parties: 1, n: 1, bytes: 411 },
      { role: 'recipient', parties: 15, n: 55, bytes: 86004 },
      { role: 'relay', parties: 1, n: 54, bytes: 85646 },
      { role: 'sender', parties: 2, n: 89, bytes: 98385 },
    ]);
    expect(query(path, "SELECT party FROM parties_daily WHERE role IN ('client', 'relay') ORDER BY role")).toEqual([{ party: '[127.0.0.1]' }, { party: '127.0.0.1[127.0.0.1]' }]);
    expect(hourly(path)).toContainEqual({ kind: 'rejected', direction: 'inbound', n: 7 });
  });
});

describe('the qmail sample', () => {
  it('takes each delay from the info line to the success, and has no clients', () => {
    const path = ingested('qmail/qmail-send.multilog');
    // q=samples/qmail/qmail-send.multilog; each success's seconds after its message's info line:
    // perl -ne '$t = hex substr($_, 9, 8); $info{$1} = $t if / info msg (\d+):/; $msg{$1} = $2 if / starting delivery (\d+): msg (\d+)/;
    //   print $t - $info{$msg{$1}}, "\n" if / delivery (\d+): success:/' $q → 62 62 62 62 1 1 1
    expect(query(path, 'SELECT sum(count) AS n, sum(seconds) AS seconds, max(max_seconds) AS max FROM delays_daily')).toEqual([{ n: 7, seconds: 251, max: 62 }]);
    // relays: perl -ne 'print "$1\n" if / delivery \d+: success: ([0-9.]+)_accepted/' $q | sort | uniq -c → 5 hosts, 6 deliveries
    // senders: grep 'info msg' $q | grep -oE 'from <[^>]*>' | sort | uniq -c → <>, alice@ and bob@example.net, 10 messages each;
    //          their bytes as received (test/summary.test.ts), 70095
    expect(parties(path).map(({ role, parties, n }) => [role, parties, n])).toEqual([
      ['recipient', 7, 7],
      ['relay', 5, 6],
      ['sender', 3, 30],
    ]);
    expect(query(path, "SELECT sum(bytes) AS bytes FROM parties_daily WHERE role = 'sender'")).toEqual([{ bytes: 70095 }]);
  });
});

describe('across nights', () => {
  /** The sample split before the first line matching `at`, ingested as two nights. */
  function twoNights(file: string, at: (line: string) => boolean): string {
    const dir = tempDir();
    const lines = readFileSync(join(SAMPLES, file), 'utf8').split('\n');
    const half = lines.findIndex(at);
    writeFileSync(join(dir, 'mail.log.1'), `${lines.slice(0, half).join('\n')}\n`);
    writeFileSync(join(dir, 'mail.log'), lines.slice(half).join('\n'));
    const db = join(dir, 'traffic.db');
    for (const name of ['mail.log.1', 'mail.log']) expect(cli(['ingest', '--db', db, '--year', '2026', '--tz', 'UTC', join(dir, name)]).status).toBe(0);
    return db;
  }

  it("joins smtpd's client= line to qmgr's from= in the next night's file", () => {
    const db = twoNights('postfix/syslog-rfc3164.log', (l) => l.includes('postfix/cleanup[839]: BC28D16005D: message-id='));
    expect(query(db, "SELECT party, count FROM parties_daily WHERE role = 'client'")).toEqual([{ party: 'localhost[127.0.0.1]', count: 1 }]);
  });

  it('gives a qmail delivery in the next night its delay from the info line of the night before', () => {
    const db = twoNights('qmail/qmail-send.multilog', (l) => l.endsWith('starting delivery 6: msg 30017 to remote grey@greylist.example'));
    expect(query(db, 'SELECT sum(count) AS n, sum(seconds) AS seconds, max(max_seconds) AS max FROM delays_daily')).toEqual([{ n: 7, seconds: 251, max: 62 }]);
  });
});

describe('counting by hour', () => {
  const at = (iso: string) => Date.parse(iso);
  const delivery = (time: number, delay: number | null): DeliveredEvent => ({
    kind: 'delivered',
    time,
    mta: 'postfix',
    host: 'vm',
    line: 1,
    queueId: 'BC28D16005D',
    recipient: 'ok3@n-ok.test',
    afterDeferral: false,
    direction: 'outbound',
    size: 373,
    relay: '127.0.0.1[127.0.0.1]',
    delay,
  });
  const received = (time: number): ReceivedEvent => ({ kind: 'received', time, mta: 'postfix', host: 'vm', line: 1, queueId: 'BC28D16005D', size: 373, sender: 'sender@example.net', client: null });

  it('files an event under its UTC hour and day, and a message from no client under no client', () => {
    const counts = new TrafficCounts();
    counts.receivedMessage(received(at('2026-11-22T23:59:59.999Z')));
    counts.delivered(delivery(at('2026-11-23T00:00:00.000Z'), 0.02));
    counts.delivered(delivery(at('2026-11-23T00:59:59.000Z'), null));
    const rows = counts.rows();
    const columns = (key: string) => key.split('\u0000');
    expect(rows.hourly.map(([key, { count }]) => [...columns(key), count])).toEqual([
      ['2026-11-22T23', 'vm', 'postfix', 'received', '', 1],
      ['2026-11-23T00', 'vm', 'postfix', 'delivered', 'outbound', 2],
    ]);
    expect(rows.parties.map(([key]) => columns(key)[3])).toEqual(['sender', 'recipient', 'relay']);
    // The delivery whose delay is unknown is counted, but not among the delays.
    expect(rows.delays.map(([key, tally]) => [...columns(key), tally])).toEqual([['2026-11-23', 'vm', 'postfix', 'outbound', 'n-ok.test', '0', { count: 1, sum: 0.02, max: 0.02 }]]);
  });

  it('counts the same hour again from nothing once the counts were sent on', () => {
    const counts = new TrafficCounts();
    counts.delivered(delivery(at('2026-11-23T00:00:00.000Z'), 3));
    counts.delivered(delivery(at('2026-11-23T00:00:01.000Z'), 5));
    expect(counts.rows().hourly.map(([, tally]) => tally)).toEqual([{ count: 2, sum: 0, max: 0 }]);
    counts.clear();
    counts.delivered(delivery(at('2026-11-23T00:00:02.000Z'), 1));
    expect(counts.rows().hourly.map(([, tally]) => tally)).toEqual([{ count: 1, sum: 0, max: 0 }]);
    expect(counts.rows().delays.map(([, tally]) => tally)).toEqual([{ count: 1, sum: 1, max: 1 }]);
  });
});
