// What Postfix and Exim correlate by message id: the sender its arrival
// line names, and the last deferral of each recipient still queued (an
// expiry names no reason of its own), and the size and time its arrival line
// gives, for the bytes of its deliveries and, where Exim logs no QT=, their
// delay. Bounded, and carried from one run to the next.

import { BoundedMap, ENTRY_BYTES, STATE_BYTES, textWeight } from './bounded-map.js';
import { PendingDeferrals } from './deferrals.js';
import type { Address, Arrival, CarriedState, QueueId } from './events.js';

export abstract class QueueCorrelation {
  protected readonly senders: BoundedMap<QueueId, Address>;
  protected readonly deferrals: PendingDeferrals;
  protected readonly arrivals: BoundedMap<QueueId, Arrival>;

  constructor(limit: number) {
    this.senders = new BoundedMap(limit, { bytes: STATE_BYTES, weigh: textWeight });
    this.arrivals = new BoundedMap(limit, { bytes: STATE_BYTES, weigh: (id) => ENTRY_BYTES + id.length });
    this.deferrals = new PendingDeferrals(limit);
  }

  get evictedIds(): number {
    // An arrival is set with its sender and weighs no more: it is evicted with it or after it, and counting both would count one id twice.
    return this.senders.evicted + this.deferrals.evicted;
  }

  carry(): CarriedState {
    return { senders: [...this.senders], deferrals: this.deferrals.all(), deliveries: [], arrivals: [...this.arrivals], clients: [] };
  }

  resume(state: CarriedState): void {
    for (const [id, sender] of state.senders) this.senders.set(id, sender);
    for (const deferral of state.deferrals) this.deferrals.remember(deferral);
    for (const [id, arrival] of state.arrivals) this.arrivals.set(id, arrival);
  }
}
