// Refunds owed after Stripe failed to make them (a person cancelled while it could not be reached):
// written with the cancellation's audit entry, retried by the cron, settled in the batch that
// records the refund, so a refund is never both made and still owed.
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from './client.ts';
import type { RefundReason } from './orders.ts';
import { owedRefunds } from './schema.ts';

export type OwedRefund = typeof owedRefunds.$inferSelect;

export type NewOwedRefund = {
  orderId: string;
  eventId: string;
  registrationId: number;
  amount: number;
  currency: string;
  reason: RefundReason;
  now: string;
};

/** The refund owed, once per registration (a second failure for it changes nothing). */
export const oweRefundStatement = (o: NewOwedRefund) =>
  sql`INSERT INTO owed_refunds (order_id, event_id, registration_id, amount, currency, reason, created_at)
    VALUES (${o.orderId}, ${o.eventId}, ${o.registrationId}, ${o.amount}, ${o.currency}, ${o.reason}, ${o.now})
    ON CONFLICT (registration_id) DO NOTHING`;

/** No longer owed: refunded, or nothing of the order is left to give. */
export const settleStatement = (id: number, now: string) =>
  sql`UPDATE owed_refunds SET settled_at = ${now} WHERE id = ${id} AND settled_at IS NULL`;

/** The oldest refunds still owed, at most `limit` (the cron's share of a run). */
export async function owedRefundsDue(db: Db, limit: number): Promise<OwedRefund[]> {
  return db
    .select()
    .from(owedRefunds)
    .where(isNull(owedRefunds.settledAt))
    .orderBy(asc(owedRefunds.attempts), asc(owedRefunds.createdAt), asc(owedRefunds.id))
    .limit(limit);
}

/** Refunds an order still owes, for the console's order page. */
export async function owedRefundsOfOrder(db: Db, orderId: string): Promise<OwedRefund[]> {
  return db
    .select()
    .from(owedRefunds)
    .where(and(eq(owedRefunds.orderId, orderId), isNull(owedRefunds.settledAt)))
    .orderBy(asc(owedRefunds.id));
}

export async function countAttempt(db: Db, id: number) {
  await db
    .update(owedRefunds)
    .set({ attempts: sql`${owedRefunds.attempts} + 1` })
    .where(eq(owedRefunds.id, id));
}
