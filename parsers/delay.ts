// How long a message waited in our queue before a delivery, as an MTA logs
// it or as two stamps of the same log tell it. A log can say nonsense (a
// garbled field, a clock set back, a hostile line of `logger`): such a delay
// is unknown rather than clamped, so the largest delay kept is one the log
// really gave, and the delivery still counts.

/** Longest delay believed: far past every MTA's default queue lifetime (Postfix 5 days, qmail 7, Exim's default retry rules about 4). */
export const MAX_DELAY_SECONDS = 30 * 86_400;

/** `seconds` when a queue could have held a message that long; null when negative, longer than MAX_DELAY_SECONDS or not a number. */
export function plausibleDelay(seconds: number): number | null {
  return seconds >= 0 && seconds <= MAX_DELAY_SECONDS ? seconds : null;
}

/** The delay from an arrival to a delivery, both in milliseconds since the epoch. */
export function delayBetween(arrived: number, delivered: number): number | null {
  return plausibleDelay((delivered - arrived) / 1000);
}
