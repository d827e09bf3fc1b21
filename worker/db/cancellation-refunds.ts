// Which paid orders an event cancellation still owes money back: orders of events whose latest
// cancel-or-restore announcement (db/announcements.ts) is a cancellation, with something left to
// refund. The cron takes a few per run; what it refunded no longer matches, so the work resumes
// where the last run stopped, and an order refunded in full is never picked again.
import { sql } from 'drizzle-orm';
import type { Db } from './client.ts';

export type OwedOrder = { id: string; eventId: string; left: number };

export async function ordersOwedByCancellation(db: Db, limit: number): Promise<OwedOrder[]> {
  return db.all<OwedOrder>(sql`SELECT o.id, o.event_id AS eventId, o.amount_total - o.amount_refunded AS left
    FROM orders o
    WHERE o.paid_at IS NOT NULL AND o.amount_refunded < o.amount_total
      AND o.event_id IN (SELECT a.event_id FROM announcements a
        WHERE a.kind = 'event-cancelled' AND NOT EXISTS (SELECT 1 FROM announcements b
          WHERE b.event_id = a.event_id AND b.sequence > a.sequence AND b.kind = 'event-restored'))
    ORDER BY o.paid_at, o.id LIMIT ${limit}`);
}
