// What the source thread counts of the deliveries and the messages received,
// which never travel to the main thread one by one: the daily deliveries and
// messages received, traffic per hour, delays by class, and the senders,
// clients, recipients and relays. Each becomes a table's rows (schema.sql).

import type { DeliveredEvent, ReceivedEvent } from '../../parsers/events.js';
import { DailyCounts, isoTime, recipientDomain, type CountEntry } from './daily-counts.js';
import { delayBucket } from './delay-buckets.js';

/** Counts for deliveries_daily, received_daily, traffic_hourly, delays_daily and parties_daily, keyed by their key's columns in order. */
export interface TrafficRows {
  deliveries: CountEntry[];
  received: CountEntry[];
  hourly: CountEntry[];
  delays: CountEntry[];
  parties: CountEntry[];
}

export class TrafficCounts {
  private readonly deliveries = new DailyCounts();
  private readonly received = new DailyCounts();
  private readonly hourly = new DailyCounts();
  private readonly delays = new DailyCounts();
  private readonly parties = new DailyCounts();
  private readonly all = [this.deliveries, this.received, this.hourly, this.delays, this.parties];

  /** Holding enough to be sent on now: as many keys as a table's counts hold, or `chars` characters of keys in all. */
  fullAt(chars: number): boolean {
    let held = 0;
    for (const counts of this.all) {
      if (counts.full) return true;
      held += counts.heldChars;
    }
    return held >= chars;
  }

  receivedMessage(e: ReceivedEvent): void {
    // isoTime converts each second once; the day and the hour are slices of it.
    const time = isoTime(e.time);
    const day = time.slice(0, 10);
    this.received.add([day, e.host, e.mta], 1, e.size);
    this.hourly.add([time.slice(0, 13), e.host, e.mta, 'received', '']);
    this.parties.add([day, e.host, e.mta, 'sender', e.sender], 1, e.size);
    if (e.client !== null) this.parties.add([day, e.host, e.mta, 'client', e.client], 1, e.size);
  }

  delivered(e: DeliveredEvent): void {
    const time = isoTime(e.time);
    const day = time.slice(0, 10);
    const domain = recipientDomain(e.recipient);
    const bytes = e.size ?? 0;
    this.deliveries.add([day, e.host, e.mta, e.direction, domain], 1, bytes);
    this.hourly.add([time.slice(0, 13), e.host, e.mta, 'delivered', e.direction]);
    if (e.delay !== null) this.delays.add([day, e.host, e.mta, e.direction, domain, String(delayBucket(e.delay))], 1, e.delay);
    this.parties.add([day, e.host, e.mta, 'recipient', e.recipient], 1, bytes);
    if (e.relay !== null) this.parties.add([day, e.host, e.mta, 'relay', e.relay], 1, bytes);
  }

  rows(): TrafficRows {
    return {
      deliveries: this.deliveries.entries(),
      received: this.received.entries(),
      hourly: this.hourly.entries(),
      delays: this.delays.entries(),
      parties: this.parties.entries(),
    };
  }

  clear(): void {
    for (const counts of this.all) counts.clear();
  }
}
