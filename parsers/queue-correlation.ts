// What Postfix and Exim correlate by message id: the sender its arrival
// line names, and the last deferral of each recipient still queued (an
// expiry names no reason of its own). Bounded, and carried from one run to
// the next.

import { BoundedMap, STATE_CHARS, textWeight } from './bounded-map.js';
import { PendingDeferrals } from './deferrals.js';
import type { Address, CarriedState, QueueId } from './events.js';

export abstract class QueueCorrelation {
  protected readonly senders: BoundedMap<QueueId, Address>;
  protected readonly deferrals: PendingDeferrals;

  constructor(limit: number) {
    this.senders = new BoundedMap(limit, { chars: STATE_CHARS, weigh: textWeight });
    this.deferrals = new PendingDeferrals(limit);
  }

  get evictedIds(): number {
    return this.senders.evicted + this.deferrals.evicted;
  }

  carry(): CarriedState {
    return { senders: [...this.senders], deferrals: this.deferrals.all(), deliveries: [] };
  }

  resume(state: CarriedState): void {
    for (const [id, sender] of state.senders) this.senders.set(id, sender);
    for (const deferral of state.deferrals) this.deferrals.remember(deferral);
  }
}
