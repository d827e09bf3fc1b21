// An event's refund policy as a rule: at a given moment, what a person who cancels gets back of what
// they paid. Pure; the manage page shows its answer before the person confirms, and the cancellation
// refunds exactly that amount.
import { localToUtc, normaliseLocal } from './time.ts';

/**
 * Local times in the event's zone, as written in content (the read model adds each one's UTC
 * instant, used when present). After the last date nothing is refunded.
 */
export type RefundPolicy = {
  /** Until this moment (exclusive), a full refund. */
  fullUntil?: string;
  fullUntilUtc?: string;
  /** After the full refund (or from the start), `percent` back until this moment (exclusive). */
  partial?: { percent: number; until: string; untilUtc?: string };
};

export type RefundTerms =
  | { kind: 'full'; percent: 100; amountMinor: number; until: string }
  | { kind: 'percent'; percent: number; amountMinor: number; until: string }
  | { kind: 'none'; percent: 0; amountMinor: 0 };

const none: RefundTerms = { kind: 'none', percent: 0, amountMinor: 0 };

/**
 * `percent` of `paidMinor`, rounded DOWN to a whole minor unit, so a refund never exceeds the share the
 * policy promises (33% of 10.01 is 3.30, not 3.31). Full refunds are exact.
 */
export const shareOf = (paidMinor: number, percent: number) =>
  percent >= 100 ? paidMinor : Math.floor((paidMinor * percent) / 100);

/**
 * What someone who paid `paidMinor` (integer minor units) gets back when cancelling at `now` under
 * `policy` in `timeZone`. No policy, or a moment after its last date: nothing. Each date is exclusive:
 * at 23:59 on `fullUntil` "…T23:59:00" the refund is partial already.
 */
export function refundTerms(
  policy: RefundPolicy | undefined,
  timeZone: string,
  paidMinor: number,
  now: Date,
): RefundTerms {
  if (!policy || !(paidMinor > 0)) return none;
  const at = now.getTime();
  const instant = (local: string, utc?: string) =>
    utc ? Date.parse(utc) : localToUtc(normaliseLocal(local), timeZone).getTime();
  if (policy.fullUntil && at < instant(policy.fullUntil, policy.fullUntilUtc))
    return { kind: 'full', percent: 100, amountMinor: paidMinor, until: normaliseLocal(policy.fullUntil) };
  const p = policy.partial;
  if (p && p.percent > 0 && at < instant(p.until, p.untilUtc)) {
    const amountMinor = shareOf(paidMinor, p.percent);
    if (p.percent >= 100) return { kind: 'full', percent: 100, amountMinor, until: normaliseLocal(p.until) };
    return amountMinor > 0
      ? { kind: 'percent', percent: p.percent, amountMinor, until: normaliseLocal(p.until) }
      : none;
  }
  return none;
}
