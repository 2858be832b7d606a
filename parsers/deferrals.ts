// The last deferral of each recipient still queued, by message id. When the
// MTA gives up it names no reason (Postfix: "status=expired, returned to
// sender"; Exim: "retry timeout exceeded"), so the expiry takes the reason of
// the last deferral. Bounded like all correlation state.

import { BoundedMap } from './bounded-map.js';
import { detach } from './detach.js';
import type { Address, FailureEvent, QueueId } from './events.js';

/** A copy of a deferral whose strings no longer hold their log chunk alive. */
function retained(e: FailureEvent): FailureEvent {
  const copy = (s: string | null) => (s === null ? null : detach(s));
  return {
    ...e,
    host: detach(e.host),
    queueId: copy(e.queueId),
    sender: copy(e.sender),
    recipient: copy(e.recipient),
    relay: copy(e.relay),
    dsn: copy(e.dsn),
    diagnostic: detach(e.diagnostic),
  };
}

export class PendingDeferrals {
  private readonly byMessage: BoundedMap<QueueId, Map<Address, FailureEvent>>;

  constructor(limit: number) {
    this.byMessage = new BoundedMap(limit);
  }

  get evicted(): number {
    return this.byMessage.evicted;
  }

  /** Keep a deferral (with a queue id and a recipient) as its recipient's latest. */
  remember(e: FailureEvent): void {
    if (e.queueId === null || e.recipient === null) return;
    const kept = retained(e);
    const pending = this.byMessage.get(e.queueId);
    if (pending) pending.set(kept.recipient!, kept);
    else this.byMessage.set(kept.queueId!, new Map([[kept.recipient!, kept]]));
  }

  /** The recipient left the queue (delivered or failed for good): its last deferral, if any. */
  settle(queueId: QueueId, recipient: Address): FailureEvent | undefined {
    const pending = this.byMessage.get(queueId);
    const last = pending?.get(recipient);
    pending?.delete(recipient);
    return last;
  }

  /** Every deferral still pending. */
  all(): FailureEvent[] {
    return [...this.byMessage.values()].flatMap((pending) => [...pending.values()]);
  }

  /** The message left the queue: the last deferral of each recipient still pending. */
  settleAll(queueId: QueueId): FailureEvent[] {
    const pending = this.byMessage.get(queueId);
    this.byMessage.delete(queueId);
    return pending ? [...pending.values()] : [];
  }
}
