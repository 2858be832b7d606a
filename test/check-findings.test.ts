// The findings of `maillog check` as functions of the period's and the
// baseline's figures, without a database; and the spans it compares.

import { describe, expect, it } from 'vitest';
import { BLOCKLIST_RULES, blocklistFindings, listOf, UNNAMED_LIST } from '../src/check/blocklists.js';
import { skippedLinesFindings, unreadableSourceFindings } from '../src/check/coverage-drop.js';
import { deferringFindings } from '../src/check/deferring.js';
import { failureRateFindings } from '../src/check/failure-rates.js';
import type { AntispamRefusal, CauseCount, Destination, UnclassifiedReason } from '../src/check/figures.js';
import { checkFindings } from '../src/check/findings.js';
import { newReasonFindings } from '../src/check/new-reasons.js';
import { checkWindows, withinData } from '../src/check/periods.js';
import { dailyCountDays } from '../src/check/queries.js';
import { quietLogFindings } from '../src/check/quiet-log.js';
import { DEFAULT_THRESHOLDS, resolveThresholds } from '../src/check/thresholds.js';
import { Classifier } from '../src/classify/classifier.js';
import { RULES } from '../src/classify/rules.js';

const t = DEFAULT_THRESHOLDS;
const PERIOD_START = '2026-11-27T00:00:00.000Z';

function destination(domain: string, counts: Partial<Destination> = {}): Destination {
  return { direction: 'outbound', domain, delivered: 0, permanent: 0, permanentCause: null, firstPermanent: null, deferred: 0, firstDeferred: null, undelivered: 0, deferralCause: null, ...counts };
}

/** A refusal as the classifier files it: the rule it gets decides whether it is one for a listing. */
function refusal(text: string, domain: string, messages = 1, first = PERIOD_START): AntispamRefusal {
  const { cause, rule } = new Classifier().classify({ text });
  expect(cause).toBe('recipient-antispam');
  return { rule, domain, messages, first, example: text };
}

describe('the list a refusal names', () => {
  const named = (text: string) => listOf(refusal(text, 'example.com'))?.name;

  it('is the public list the text quotes, whoever quotes it', () => {
    expect(named('host mx.example.com[192.0.2.20] refused to talk to me: 554 5.7.1 Service unavailable; client [192.0.2.10] blocked using zen.spamhaus.org')).toBe('Spamhaus');
    expect(
      named('550 5.7.1 Service unavailable, Client host [198.51.100.133] blocked using Spamhaus. To request removal from this list see http://www.spamhaus.org/lookup.lasso (AS3130). [AM5EUR02FT017.eop-EUR02.prod.protection.outlook.com]'),
    ).toBe('Spamhaus');
    expect(named('553 5.7.1 [BL23] Connections not accepted from IP addresses on Spamhaus XBL; see http://postmaster.yahoo.com/errors/550-bl23.html [550]')).toBe('Spamhaus');
    expect(named('550 JunkMail rejected - mail.example.net [192.0.2.11]:24706 is in an RBL: Blocked - see https://www.spamcop.net/bl.shtml?192.0.2.11')).toBe('SpamCop');
    expect(named('host mail.example.de[192.0.2.55] said: 553 Your IP is BLACKLISTED at UCEPROTECT-LEVEL 1 - See: http://www.uceprotect.net/rblcheck.php?ipr=192.0.2.10 (in reply to RCPT TO command)')).toBe('UCEPROTECT');
  });

  it("is the provider's reputation system where its marks say so", () => {
    expect(
      named(
        'host hotmail-com.olc.protection.outlook.com[192.0.2.9] said: 550 5.7.1 Unfortunately, messages from [192.0.2.203] weren\'t sent. Please contact your Internet service provider since part of their network is on our block list (S3150). You can also refer your provider to http://mail.live.com/mail/troubleshooting.aspx#errors.',
      ),
    ).toBe('Microsoft');
    expect(named('host mx1.hotmail.com[192.0.2.184] said: 550 SC-001 (SNT004-MC4F23) Unfortunately, messages from 192.0.2.6 weren\'t sent. Please contact your Internet service provider since part of their network is on our block list.')).toBe('Microsoft');
    expect(named('host mta6.am0.yahoodns.net[192.0.2.64] said: 553 5.7.2 [TSS06] All messages from 192.0.2.239 will be permanently deferred; Retrying will NOT succeed. See https://help.yahoo.com/kb/postmaster/SLN3436.html')).toBe('Yahoo');
    expect(named('host mailin-02.mx.aol.com[192.0.2.164] refused to talk to me: 554- (RTR:DU) https://postmaster.aol.com/error-codes#554rtrdu 554 Connecting IP: 192.0.2.3')).toBe('AOL');
  });

  it('is the DNS zone a list with no name of ours is queried at', () => {
    expect(named('550 Host 192.0.2.181 is listed at psbl.surriel.com as a spam source. Mail from this IP has been limited. For removal follow this link')).toBe('psbl.surriel.com');
  });

  it('is unnamed for a blocklist rule whose text names no list', () => {
    expect(named('550 5.7.1 Recipient not authorized, your IP has been found on a block list')).toBe(UNNAMED_LIST);
  });

  it('is none for refusals of the message rather than of the sender, even from a provider with marks', () => {
    const dmarc =
      '550-5.7.26 Unauthenticated email from example.com is not accepted due to 550-5.7.26 domain\'s DMARC policy. Please contact the administrator of 550-5.7.26 example.com domain if this was a legitimate mail. Please visit 550-5.7.26  https://support.google.com/mail/answer/2451690 to learn about the 550 5.7.26 DMARC initiative. d75a77b69052e-4b2e1f3a1c2si123456qt.45 - gsmtp';
    expect(named(dmarc)).toBeUndefined();
  });

  it('comes only from rules that exist', () => {
    const ids = new Set(RULES.map((r) => r.id));
    for (const id of BLOCKLIST_RULES) expect(ids.has(id)).toBe(true);
  });
});

describe('blocklist findings', () => {
  const days = { period: 1, baseline: 7 };
  const spamhaus = (domain: string, messages: number) => refusal('550 5.7.1 Service unavailable; client [192.0.2.10] blocked using zen.spamhaus.org', domain, messages);

  it('group the providers refusing for one list, most messages first', () => {
    const [f] = blocklistFindings([spamhaus('outlook.com', 2), spamhaus('gmx.de', 7)], [], days, t);
    expect(f).toMatchObject({ severity: 'critical', subject: 'Spamhaus', period: { messages: 9, providers: [{ domain: 'gmx.de', messages: 7 }, { domain: 'outlook.com', messages: 2 }] } });
    expect(f.summary).toBe('9 messages refused by the Spamhaus blocklist, none in the baseline: gmx.de (7), outlook.com (2)');
  });

  it('are not new when the baseline had the list, unless it refuses more by --rate-rise-percent', () => {
    expect(blocklistFindings([spamhaus('gmx.de', 2)], [spamhaus('gmx.de', 10)], days, t)).toEqual([]);
    const [f] = blocklistFindings([spamhaus('gmx.de', 3)], [spamhaus('gmx.de', 14)], days, t);
    expect(f).toMatchObject({ severity: 'warning', baseline: { messages: 14, per_day: 2 } });
  });

  it('are warnings when the refusals name no list', () => {
    const [f] = blocklistFindings([refusal('550 5.7.1 Recipient not authorized, your IP has been found on a block list', 'example.com', 3)], [], days, t);
    expect(f).toMatchObject({ severity: 'warning', subject: UNNAMED_LIST });
    expect(f.summary).toBe('3 messages refused for a listing or reputation they do not name, none in the baseline: example.com (3)');
  });

  it('wait for --blocklist-min messages', () => {
    expect(blocklistFindings([spamhaus('gmx.de', 2)], [], days, { ...t, blocklist_min: 3 })).toEqual([]);
  });
});

describe('failure rate findings', () => {
  const week = [destination('gmail.com', { delivered: 980, permanent: 20 })];

  it('need a rise of both 2 points and half the rate again', () => {
    // 2% to 4%: up 2 points, and by 100%.
    expect(failureRateFindings({ destinations: [destination('gmail.com', { delivered: 96, permanent: 4 })], causes: [] }, { destinations: week, causes: [] }, t)).toHaveLength(2);
    // 2% to 3.9%: up 1.9 points.
    expect(failureRateFindings({ destinations: [destination('gmail.com', { delivered: 961, permanent: 39 })], causes: [] }, { destinations: week, causes: [] }, t)).toEqual([]);
    // 20% to 25%: 5 points, but a quarter more.
    const high = [destination('gmail.com', { delivered: 800, permanent: 200 })];
    expect(failureRateFindings({ destinations: [destination('gmail.com', { delivered: 75, permanent: 25 })], causes: [] }, { destinations: high, causes: [] }, t)).toEqual([]);
  });

  it('judge a domain only with --min-volume messages', () => {
    const period = { destinations: [destination('gmail.com', { delivered: 98, permanent: 2 }), destination('example.org', { delivered: 10, permanent: 9, permanentCause: 'recipient-unknown' })], causes: [] };
    const baseline = { destinations: [...week, destination('example.org', { delivered: 70 })], causes: [] };
    expect(failureRateFindings(period, baseline, t).map((f) => f.subject)).toEqual([null]);
    const lower = failureRateFindings(period, baseline, { ...t, min_volume: 19 });
    expect(lower.map((f) => f.subject)).toEqual([null, 'example.org']);
    expect(lower[1].advice).toMatch(/^Mostly recipient-unknown \(Recipient address does not exist\): Check the address/);
  });

  it('give the rise of each cause, leaving unclassified to the new-reason findings', () => {
    const causes = (n: number): CauseCount[] => [
      { cause: 'mailbox-disabled', permanent: n, first: '2026-11-27T09:00:00.000Z' },
      { cause: 'unclassified', permanent: n, first: '2026-11-27T09:00:00.000Z' },
    ];
    const found = failureRateFindings({ destinations: [destination('gmail.com', { delivered: 90, permanent: 10 })], causes: causes(5) }, { destinations: week, causes: causes(1) }, t);
    expect(found.map((f) => f.subject)).toEqual([null, 'mailbox-disabled', 'gmail.com']);
    expect(found[0].since).toBe('2026-11-27T09:00:00.000Z');
  });
});

describe('deferring findings', () => {
  const timeouts = { deferred: 12, undelivered: 12, delivered: 3, deferralCause: 'recipient-server-down' as const, firstDeferred: '2026-11-27T08:00:00.000Z' };

  it('are new only when the baseline deferred less than --deferring-share', () => {
    expect(deferringFindings([destination('example.org', timeouts)], [destination('example.org', { delivered: 100 })], t)).toHaveLength(1);
    expect(deferringFindings([destination('example.org', timeouts)], [destination('example.org', { delivered: 20, deferred: 80, undelivered: 80 })], t)).toEqual([]);
  });

  it('are critical for our own delivery agents, with advice worded from our side', () => {
    const [f] = deferringFindings([destination('example.net', { ...timeouts, direction: 'local' })], [], t);
    expect(f).toMatchObject({ severity: 'critical', direction: 'local', baseline: { messages: 0, deferred_share: null } });
    expect(f.advice).toMatch(/^Check the delivery service/);
  });

  it('wait for --deferring-min messages', () => {
    expect(deferringFindings([destination('example.org', timeouts)], [], { ...t, deferring_min: 16 })).toEqual([]);
  });
});

describe('new unclassified reasons', () => {
  const reason = (fingerprint: string, failures: number, direction: UnclassifiedReason['direction'] = 'outbound'): UnclassifiedReason => ({
    direction,
    fingerprint,
    failures,
    domains: 1,
    first: PERIOD_START,
    example: 'host mx.example.com[192.0.2.4] said: 554 Transaction failed (in reply to end of DATA command)',
  });

  it('are those of --unclassified-min failures the baseline did not have in that direction', () => {
    const found = newReasonFindings([reason('a', 5), reason('b', 9), reason('c', 4)], [reason('a', 1), reason('b', 1, 'inbound')], t);
    expect(found.map((f) => f.subject)).toEqual(['b']);
    expect(found[0].period).toEqual({ failures: 9, domains: 1, reason: '554 Transaction failed' });
  });
});

describe('the log going quiet', () => {
  it('needs a baseline that averaged --quiet-min deliveries a day', () => {
    expect(quietLogFindings({ count: 0, days: 1, lastDay: '2026-11-25' }, { count: 70, days: 7, lastDay: '2026-11-26' }, t)).toHaveLength(1);
    expect(quietLogFindings({ count: 0, days: 1, lastDay: '2026-11-25' }, { count: 69, days: 7, lastDay: '2026-11-26' }, t)).toEqual([]);
    expect(quietLogFindings({ count: 1, days: 1, lastDay: '2026-11-27' }, { count: 700, days: 7, lastDay: '2026-11-26' }, t)).toEqual([]);
  });
});

describe('coverage findings', () => {
  it('report the skipped share risen by --skipped-rise-points', () => {
    expect(skippedLinesFindings({ lines: 1000, skipped: 15 }, { lines: 7000, skipped: 35 }, t)).toHaveLength(1);
    expect(skippedLinesFindings({ lines: 1000, skipped: 14 }, { lines: 7000, skipped: 35 }, t)).toEqual([]);
  });

  it('report a source of which no line was understood, even with nothing to compare with', () => {
    const unreadable = [{ path: '/var/log/mail.err', lines: 40, lastIngest: '2026-11-28T06:30:00.000Z' }];
    expect(unreadableSourceFindings(unreadable)[0].summary).toBe('/var/log/mail.err: not one of its 40 lines is of a log format maillog reads');
    const empty = { window: { since: PERIOD_START, until: PERIOD_START }, days: 0, destinations: [], causes: [], refusals: [], reasons: [], deliveries: { count: 0, days: 0, lastDay: null }, coverage: { lines: 0, skipped: 0 } };
    const period = { ...empty, days: 1, deliveries: { count: 0, days: 1, lastDay: null } };
    expect(checkFindings(period, empty, unreadable, t).map((f) => f.kind)).toEqual(['coverage']);
  });
});

describe('the spans compared', () => {
  const now = new Date('2026-11-28T07:30:00Z');

  it('are yesterday in the zone and the 7 days before it by default', () => {
    expect(checkWindows({}, 'Europe/Paris', 7, now)).toEqual({
      period: { since: '2026-11-26T23:00:00.000Z', until: '2026-11-27T23:00:00.000Z' },
      baseline: { since: '2026-11-19T23:00:00.000Z', until: '2026-11-26T23:00:00.000Z' },
    });
  });

  it('are a day up to --until alone, and up to now from --since alone', () => {
    expect(checkWindows({ until: '2026-11-20' }, 'UTC', 14, now).period).toEqual({ since: '2026-11-20T00:00:00.000Z', until: '2026-11-21T00:00:00.000Z' });
    expect(checkWindows({ since: '-6h' }, 'UTC', 7, now).period).toEqual({ since: '2026-11-28T01:30:00.000Z', until: '2026-11-28T07:30:00.000Z' });
  });

  it('count days of the zone across the end of summer time', () => {
    // 25 October 2026 has 25 hours in Paris.
    expect(checkWindows({ since: '2026-10-26', until: '2026-10-26' }, 'Europe/Paris', 2, now).baseline).toEqual({ since: '2026-10-23T22:00:00.000Z', until: '2026-10-25T23:00:00.000Z' });
  });

  it('cut the baseline to whole days of stored data', () => {
    const baseline = { since: '2026-11-20T00:00:00.000Z', until: PERIOD_START };
    expect(withinData(baseline, '2026-11-24T21:22:16.000Z', 'UTC')).toEqual({ since: '2026-11-24T00:00:00.000Z', until: PERIOD_START });
    expect(withinData(baseline, '2026-11-27T08:00:00.000Z', 'UTC')).toEqual({ since: PERIOD_START, until: PERIOD_START });
    expect(withinData(baseline, '2026-11-01T00:00:00.000Z', 'UTC')).toBe(baseline);
  });

  it('read the daily counts of the UTC days each day of the zone mostly covers', () => {
    expect(dailyCountDays({ since: '2026-11-26T23:00:00.000Z', until: '2026-11-27T23:00:00.000Z' })).toEqual({ first: '2026-11-27', end: '2026-11-28', days: 1 });
    expect(dailyCountDays({ since: '2026-11-27T15:00:00.000Z', until: '2026-11-27T21:00:00.000Z' })).toEqual({ first: '2026-11-27', end: '2026-11-28', days: 1 });
    expect(dailyCountDays({ since: PERIOD_START, until: PERIOD_START }).days).toBe(0);
  });
});

describe('thresholds', () => {
  it('take the rules file over the defaults and the flags over both', () => {
    expect(resolveThresholds({ min_volume: 50, quiet_min: 3 }, { min_volume: '80', baseline: '2w' })).toMatchObject({ min_volume: 80, quiet_min: 3, baseline: 14, rate_rise_points: 2 });
  });

  it('refuse a wrong flag in one line that names it', () => {
    expect(() => resolveThresholds({}, { deferring_share: '150' })).toThrow('--deferring-share 150: expected percentage points above 0 and at most 100, such as 2 or 0.5');
    expect(() => resolveThresholds({}, { baseline: '400d' })).toThrow(/^--baseline 400d: expected a number of days or weeks/);
  });
});
