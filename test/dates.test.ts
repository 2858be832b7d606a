// --since, --until and --tz as an administrator types them, read against a
// fixed "now" so that the relative forms are tested without the clock.

import { describe, expect, it } from 'vitest';
import { ACCEPTED_FORMS, parsePeriod, periodHeading } from '../src/report/dates.js';
import { parseFilters } from '../src/report/filters.js';
import { localHourOf } from '../src/time-zone.js';

const NOW = new Date('2026-11-22T10:30:00Z');
const since = (value: string, zone = 'UTC', now = NOW) => parsePeriod({ since: value }, zone, now).since;
const until = (value: string, zone = 'UTC', now = NOW) => parsePeriod({ until: value }, zone, now).until;

describe('a date', () => {
  it('starts at midnight of the report zone, and as --until includes that whole day', () => {
    expect(since('2026-11-21')).toBe('2026-11-21T00:00:00.000Z');
    expect(until('2026-11-21')).toBe('2026-11-22T00:00:00.000Z');
    expect(since('2026-11-21', 'Europe/Paris')).toBe('2026-11-20T23:00:00.000Z');
    expect(until('2026-11-21', 'America/New_York')).toBe('2026-11-22T05:00:00.000Z');
  });

  it('is 25 hours long on the day daylight saving time ends', () => {
    expect(parsePeriod({ since: '2026-10-25', until: '2026-10-25' }, 'Europe/Paris', NOW)).toEqual({
      since: '2026-10-24T22:00:00.000Z',
      until: '2026-10-25T23:00:00.000Z',
    });
  });
});

describe('a date and time', () => {
  it('without a zone is in the report zone, with T or a space', () => {
    expect(since('2026-11-21T06:00', 'Europe/Paris')).toBe('2026-11-21T05:00:00.000Z');
    expect(since('2026-11-21 06:00', 'Europe/Paris')).toBe('2026-11-21T05:00:00.000Z');
    expect(since('2026-11-21 06:00:30.25')).toBe('2026-11-21T06:00:30.250Z');
  });

  it('with Z or an offset is that instant, whatever the report zone', () => {
    expect(since('2026-11-21T06:00:00Z', 'Asia/Tokyo')).toBe('2026-11-21T06:00:00.000Z');
    expect(since('2026-11-21T06:00+01:00', 'Asia/Tokyo')).toBe('2026-11-21T05:00:00.000Z');
    expect(since('2026-11-21T06:00:00+0100')).toBe('2026-11-21T05:00:00.000Z');
    expect(since('2026-11-21 06:00-05:00')).toBe('2026-11-21T11:00:00.000Z');
  });

  it('in the hour skipped when daylight saving time starts reads as that far past the skip; in the hour that happens twice, as the first', () => {
    expect(since('2026-03-29T02:30', 'Europe/Paris')).toBe('2026-03-29T01:30:00.000Z');
    expect(since('2026-10-25T02:30', 'Europe/Paris')).toBe('2026-10-25T00:30:00.000Z');
  });
});

describe('relative forms', () => {
  it('today and yesterday are the report zone’s days, and as --until include them', () => {
    expect(since('today')).toBe('2026-11-22T00:00:00.000Z');
    expect(until('today')).toBe('2026-11-23T00:00:00.000Z');
    expect(since('yesterday')).toBe('2026-11-21T00:00:00.000Z');
    expect(until('Yesterday')).toBe('2026-11-22T00:00:00.000Z');
    // 05:00 UTC is still the evening before in Los Angeles.
    const early = new Date('2026-11-22T05:00:00Z');
    expect(since('today', 'America/Los_Angeles', early)).toBe('2026-11-21T08:00:00.000Z');
  });

  it('-30m, -24h, -7d and -2w go back from now', () => {
    expect(since('-30m')).toBe('2026-11-22T10:00:00.000Z');
    expect(since('-24h')).toBe('2026-11-21T10:30:00.000Z');
    expect(since('-7d', 'Europe/Paris')).toBe('2026-11-15T10:30:00.000Z');
    expect(until('-2w')).toBe('2026-11-08T10:30:00.000Z');
  });
});

describe('what is refused', () => {
  it.each(['Nov 21', '21/11/2026', '2026-11-21T6:00', '20261121', 'tomorrow', '7d', '-7y', '-d', ''])('%j, naming the accepted forms', (value) => {
    expect(() => since(value)).toThrow(`--since ${value}: not understood; give ${ACCEPTED_FORMS}`);
  });

  it.each(['2026-02-30', '2025-02-29', '2026-13-01', '2026-11-21T24:00', '2026-11-21T06:60', '2026-11-21T06:00+24:00'])('%j, a date or time that does not exist', (value) => {
    expect(() => until(value)).toThrow(`--until ${value}: no such date or time`);
  });

  it('a time before 1970', () => {
    expect(() => since('-99999999w')).toThrow('--since -99999999w: outside the years 1970 to 9999');
    expect(() => since('1969-12-31')).toThrow('--since 1969-12-31: no such date or time');
  });

  it('a --since that is not before --until', () => {
    expect(() => parsePeriod({ since: '2026-11-23', until: '2026-11-22' }, 'UTC', NOW)).toThrow('--since 2026-11-23 is not before --until 2026-11-22: no time is in between');
    expect(() => parsePeriod({ since: '2026-11-22T06:00', until: '2026-11-22T06:00' }, 'UTC', NOW)).toThrow('is not before');
  });

  it('a zone that is not an IANA name', () => {
    expect(() => parseFilters({ tz: 'Mars/Olympus' })).toThrow('--tz Mars/Olympus: not an IANA time zone name');
  });
});

describe('the report zone', () => {
  it('is the one given, in its canonical spelling, else the system’s', () => {
    expect(parseFilters({ tz: 'Etc/UTC' }).zone).toBe('UTC');
    expect(parseFilters({ tz: 'Europe/Paris', since: 'today' }, NOW)).toMatchObject({ zone: 'Europe/Paris', since: '2026-11-21T23:00:00.000Z' });
    expect(parseFilters({}).zone).toBe(new Intl.DateTimeFormat().resolvedOptions().timeZone);
  });

  it('gives each stored time its local day and hour, across a change of offset and in zones of half and quarter hours', () => {
    const paris = localHourOf('Europe/Paris');
    expect(paris('2026-10-25T00:30:00.000Z')).toBe('2026-10-25T02');
    expect(paris('2026-10-25T01:30:00.000Z')).toBe('2026-10-25T02');
    expect(paris('2026-10-25T02:30:00.000Z')).toBe('2026-10-25T03');
    expect(localHourOf('Asia/Kolkata')('2026-11-22T18:45:00.000Z')).toBe('2026-11-23T00');
    expect(localHourOf('Asia/Kathmandu')('2026-11-22T18:14:59.999Z')).toBe('2026-11-22T23');
    expect(localHourOf('Asia/Kathmandu')('2026-11-22T18:15:00.000Z')).toBe('2026-11-23T00');
  });

  it('and the period are stated in the heading', () => {
    expect(periodHeading({ since: '2026-11-20T23:00:00.000Z', until: '2026-11-21T23:00:00.000Z' }, 'Europe/Paris')).toBe('From 2026-11-21 00:00 to 2026-11-22 00:00 (Europe/Paris)');
    expect(periodHeading({ since: '2026-11-21T06:00:00.000Z' }, 'UTC')).toBe('From 2026-11-21 06:00 on (UTC)');
    expect(periodHeading({ until: '2026-11-21T06:00:00.000Z' }, 'Asia/Tokyo')).toBe('Up to 2026-11-21 15:00 (Asia/Tokyo)');
    expect(periodHeading({}, 'UTC')).toBe('All stored data (times in UTC)');
  });
});
