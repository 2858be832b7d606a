// Carrying the state that Postfix and Exim correlate by (the sender of each
// message id, the last deferral of each recipient) from one run to the next.

import type { BoundedMap } from './bounded-map.js';
import type { PendingDeferrals } from './deferrals.js';
import type { Address, CarriedState, QueueId } from './events.js';

export function carrySenders(senders: BoundedMap<QueueId, Address>, deferrals: PendingDeferrals): CarriedState {
  return { senders: [...senders], deferrals: deferrals.all(), deliveries: [] };
}

export function resumeSenders(state: CarriedState, senders: BoundedMap<QueueId, Address>, deferrals: PendingDeferrals): void {
  for (const [id, sender] of state.senders) senders.set(id, sender);
  for (const deferral of state.deferrals) deferrals.remember(deferral);
}
