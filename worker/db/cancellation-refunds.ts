// Which paid orders an event cancellation still owes money back: orders of events whose latest
// cancel-or-restore announcement (db/announcements.ts) is a cancellation, with something left to
// refund. The cron takes a few per run; what it refunded no longer matches, so the work resumes
// where the last run stopped, and an order refunded in full is never picked again. Orders whose
// refund failed more often come last, so one that Stripe keeps refusing never holds up the rest.
import { sql } from 'drizzle-orm';
import type { CatalogueEvent } from '../../model/catalogue.ts';
import { activeStatuses, lifecycle } from '../registrations/lifecycle.ts';
import type { Statement } from './batch.ts';
import type { Db } from './client.ts';
import { queueMessages } from './outbox.ts';

export type OwedOrder = {
  id: string;
  eventId: string;
  left: number;
  currency: string;
  buyerRegistrationId: number | null;
  attempts: number;
};

/** The orders of events whose latest cancel-or-restore announcement is a cancellation. */
const ofCancelledEvent = sql`o.event_id IN (SELECT a.event_id FROM announcements a
  WHERE a.kind = 'event-cancelled' AND NOT EXISTS (SELECT 1 FROM announcements b
    WHERE b.event_id = a.event_id AND b.sequence > a.sequence AND b.kind = 'event-restored'))`;

export async function ordersOwedByCancellation(db: Db, limit: number): Promise<OwedOrder[]> {
  return db.all<OwedOrder>(sql`SELECT o.id, o.event_id AS eventId, o.amount_total - o.amount_refunded AS left,
      o.currency, o.buyer_registration_id AS buyerRegistrationId, o.refund_attempts AS attempts
    FROM orders o
    WHERE o.paid_at IS NOT NULL AND o.amount_refunded < o.amount_total AND ${ofCancelledEvent}
    ORDER BY o.refund_attempts, o.paid_at, o.id LIMIT ${limit}`);
}

/** A failed try counted (the order goes behind the others), with its audit entry, in one batch. */
export const countRefundAttempt = (orderId: string) =>
  sql`UPDATE orders SET refund_attempts = refund_attempts + 1 WHERE id = ${orderId}`;

/** What the event's cancellation still owes this order, and its failed tries (for the console's order page). */
export async function owedByCancellation(db: Db, orderId: string) {
  const [row] = await db.all<{ left: number; attempts: number }>(sql`SELECT o.amount_total - o.amount_refunded AS left,
      o.refund_attempts AS attempts
    FROM orders o WHERE o.id = ${orderId} AND o.paid_at IS NOT NULL AND o.amount_refunded < o.amount_total
      AND ${ofCancelledEvent}`);
  return row;
}

/**
 * For the batch that records a cancellation's refund: if the event was set on again while the
 * refund was on its way (its places restored before the order was refunded in full), the order's
 * registrations end now as the restore would have ended them (lifecycle restoreRefunded), told so.
 */
export function endedByLateRefundStatements(event: CatalogueEvent, orderId: string, now: string): Statement[] {
  const t = lifecycle.restoreRefunded;
  const where = sql`r.order_id = ${orderId} AND r.status IN (${sql.join(
    activeStatuses.map((s) => sql`${s}`),
    sql`, `,
  )}) AND EXISTS (SELECT 1 FROM orders o WHERE o.id = ${orderId} AND o.amount_refunded >= o.amount_total
      AND NOT ${ofCancelledEvent})`;
  return [
    queueMessages({ event, now, kinds: [t.message], where }),
    sql`UPDATE registrations AS r SET status = ${t.to}, waitlisted_at = NULL, updated_at = ${now} WHERE ${where}`,
  ];
}
