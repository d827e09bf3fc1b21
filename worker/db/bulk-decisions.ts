// Deciding many applications at once, in set-based statements: the same number of queries for
// two people or two hundred (a request on the free plan may make at most 50), one transaction.
import { type SQL, sql } from 'drizzle-orm';
import type { CatalogueEvent } from '../../model/catalogue.ts';
import { lifecycle } from '../registrations/lifecycle.ts';
import { batch } from './batch.ts';
import type { Db } from './client.ts';
import { queueMessages } from './outbox.ts';
import { ordersForNewHolds, paymentTerms, placeWrite } from './payment-holds.ts';
import { confirmedCount } from './registrations.ts';

export type BulkActor = { actor: string; at: string; note: string | null };
export type BulkOutcome = { confirmed: number[]; waitlisted: number[]; declined: number[] };

const idList = (ids: number[]) => sql`(SELECT value FROM json_each(${JSON.stringify(ids)}))`;

/** One audit entry per registration the statement after it will change. */
const auditMany = (where: SQL, action: string, by: BulkActor) =>
  sql`INSERT INTO audit_log (at, actor, action, event_id, registration_id, detail)
    SELECT ${by.at}, ${by.actor}, ${action}, r.event_id, r.id,
      ${JSON.stringify({ bulk: true, ...(by.note ? { message: by.note } : {}) })}
    FROM registrations r WHERE ${where}`;

const ids = (result: D1Result) => (result.results as { id: number }[]).map((r) => r.id);

/**
 * Approves the pending applications among `chosen`, in id order, as far as places allow; the rest
 * join the waitlist when the event keeps one, and stay pending otherwise. Messages and audit
 * entries are written in the same transaction, each statement before the change it describes.
 */
export async function approveMany(
  db: Db,
  event: CatalogueEvent,
  chosen: number[],
  by: BulkActor,
): Promise<BulkOutcome> {
  const now = by.at;
  const pending = sql`r.event_id = ${event.id} AND r.status = 'pending' AND r.id IN ${idList(chosen)}`;
  const left = event.capacity === null ? sql`-1` : sql`max(0, ${event.capacity} - ${confirmedCount(event.id)})`;
  const placed = sql`r.id IN (SELECT r.id FROM registrations r WHERE ${pending} ORDER BY r.id LIMIT ${left})`;
  const note = by.note;
  const toWaitlist = event.registration.waitlist;
  // Distinct times in id order keep the line in the order the organiser saw.
  const order = sql`(SELECT count(*) FROM json_each(${JSON.stringify(chosen)}) WHERE value < r.id)`;
  // A paid ticket's place is held for payment, with a payment link (db/payment-holds.ts).
  const terms = paymentTerms(event, now);
  const write = placeWrite('approve', terms, note);
  const results = await batch(db, [
    queueMessages({ event, now, ...write.message, where: placed }),
    auditMany(placed, 'registration.approve', by),
    sql`UPDATE registrations AS r SET status = ${write.status}${write.order}, decided_at = ${now},
      decision_message = ${note}, updated_at = ${now} WHERE ${placed} RETURNING id`,
    ...ordersForNewHolds(event, terms, now),
    ...(toWaitlist
      ? [
          queueMessages({ event, now, kinds: [lifecycle.acceptToWaitlist.message], where: pending, params: { note } }),
          auditMany(pending, 'registration.accept-to-waitlist', by),
          sql`UPDATE registrations AS r SET status = ${lifecycle.acceptToWaitlist.to},
            waitlisted_at = strftime('%Y-%m-%dT%H:%M:%fZ', ${now}, '+' || (${order} / 1000.0) || ' seconds'),
            decided_at = ${now}, decision_message = ${note}, updated_at = ${now} WHERE ${pending} RETURNING id`,
        ]
      : []),
  ]);
  const waited = 2 + (terms ? 1 : 0) + 3;
  return { confirmed: ids(results[2]!), waitlisted: toWaitlist ? ids(results[waited]!) : [], declined: [] };
}

/** Declines the pending applications among `chosen`, with one note for all. */
export async function declineMany(
  db: Db,
  event: CatalogueEvent,
  chosen: number[],
  by: BulkActor,
): Promise<BulkOutcome> {
  const now = by.at;
  const pending = sql`r.event_id = ${event.id} AND r.status = 'pending' AND r.id IN ${idList(chosen)}`;
  const results = await batch(db, [
    queueMessages({ event, now, kinds: [lifecycle.decline.message], where: pending, params: { note: by.note } }),
    auditMany(pending, 'registration.decline', by),
    // Someone declined no longer meets people at the event.
    sql`DELETE FROM profiles WHERE registration_id IN (SELECT r.id FROM registrations r WHERE ${pending})`,
    sql`UPDATE registrations AS r SET status = ${lifecycle.decline.to}, decided_at = ${now},
      decision_message = ${by.note}, updated_at = ${now} WHERE ${pending} RETURNING id`,
  ]);
  return { confirmed: [], waitlisted: [], declined: ids(results[3]!) };
}
