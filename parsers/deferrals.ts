// The last deferral of each recipient still queued, by message id. When the
// MTA gives up it names no reason (Postfix: "status=expired, returned to
// sender"; Exim: "retry timeout exceeded"), so the expiry takes the reason of
// the last deferral. Bounded like all correlation state.

import { BoundedMap, ENTRY_BYTES, STATE_BYTES } from './bounded-map.js';
import { boundedEvent, failureChars } from './clip.js';
import { detach } from './detach.js';
import type { Address, FailureEvent, QueueId } from './events.js';

/** A bounded copy of a deferral whose strings no longer hold their log chunk alive. */
function retained(e: FailureEvent): FailureEvent {
  const b = boundedEvent(e) as FailureEvent;
  const copy = (s: string | null) => (s === null ? null : detach(s));
  return {
    ...b,
    host: detach(b.host),
    queueId: copy(b.queueId),
    sender: copy(b.sender),
    recipient: copy(b.recipient),
    relay: copy(b.relay),
    dsn: copy(b.dsn),
    diagnostic: detach(b.diagnostic),
  };
}

/** A message's deferrals by recipient, and the bytes they hold: reasons are the longest state there is. */
interface Pending {
  byRecipient: Map<Address, FailureEvent>;
  bytes: number;
}

// Measured: a message with one deferral of 280 characters holds about 1,000
// bytes (its entry, its map of recipients, the event and its strings), and
// each further recipient's deferral about 200 more than its characters.
const MESSAGE_BYTES = ENTRY_BYTES + 320;
const DEFERRAL_BYTES = 256;
const deferralBytes = (e: FailureEvent) => DEFERRAL_BYTES + failureChars(e);

export class PendingDeferrals {
  private readonly byMessage: BoundedMap<QueueId, Pending>;

  constructor(limit: number) {
    this.byMessage = new BoundedMap(limit, { bytes: 2 * STATE_BYTES, weigh: (_id, pending) => pending.bytes });
  }

  get evicted(): number {
    return this.byMessage.evicted;
  }

  /** Keep a deferral (with a queue id and a recipient) as its recipient's latest. */
  remember(e: FailureEvent): void {
    if (e.queueId === null || e.recipient === null) return;
    const kept = retained(e);
    const pending = this.byMessage.get(e.queueId) ?? { byRecipient: new Map(), bytes: MESSAGE_BYTES };
    const before = pending.byRecipient.get(kept.recipient!);
    pending.bytes += deferralBytes(kept) - (before ? deferralBytes(before) : 0);
    pending.byRecipient.set(kept.recipient!, kept);
    // Set again, so the message is weighed with this deferral (and counts as the most recent).
    this.byMessage.set(kept.queueId!, pending);
  }

  /** The recipient left the queue (delivered or failed for good): its last deferral, if any. */
  settle(queueId: QueueId, recipient: Address): FailureEvent | undefined {
    const pending = this.byMessage.get(queueId);
    const last = pending?.byRecipient.get(recipient);
    if (last) {
      pending!.byRecipient.delete(recipient);
      pending!.bytes -= deferralBytes(last);
    }
    return last;
  }

  /** Every deferral still pending. */
  all(): FailureEvent[] {
    return [...this.byMessage.values()].flatMap((pending) => [...pending.byRecipient.values()]);
  }

  /** The message left the queue: the last deferral of each recipient still pending. */
  settleAll(queueId: QueueId): FailureEvent[] {
    const pending = this.byMessage.get(queueId);
    this.byMessage.delete(queueId);
    return pending ? [...pending.byRecipient.values()] : [];
  }
}
