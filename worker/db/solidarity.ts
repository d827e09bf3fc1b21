// Solidarity tickets in D1: buyers pay for them as extras, and organisers give one to an applicant.
// Giving is one batch: the ticket, the place (the capacity rule, as any approval) and the message
// all happen, or none does, so two organisers giving the last ticket at once give it once.
import { sql } from 'drizzle-orm';
import type { CatalogueEvent } from '../../model/catalogue.ts';
import { lifecycle } from '../registrations/lifecycle.ts';
import { type AuditEntry, auditWhen } from './audit.ts';
import { batch } from './batch.ts';
import type { Db } from './client.ts';
import { queueMessages } from './outbox.ts';
import { guard } from './registrations.ts';

/** Solidarity tickets of the event waiting for someone. */
export async function availableSolidarity(db: Db, eventId: string): Promise<number> {
  const [row] = await db.all<{ n: number }>(
    sql`SELECT count(*) AS n FROM solidarity_tickets WHERE event_id = ${eventId} AND status = 'available'`,
  );
  return row?.n ?? 0;
}

/**
 * Approves the pending application `registrationId` with the oldest available solidarity ticket:
 * confirmed, at no charge, told as any accepted applicant. Nothing happens unless the application is
 * still pending, a place is free and a ticket is available. Whether it happened.
 */
export async function giveSolidarityTicket(
  db: Db,
  event: CatalogueEvent,
  registrationId: number,
  note: string | null,
  now: string,
  audit: AuditEntry,
): Promise<boolean> {
  const t = lifecycle.approve;
  const available = sql`SELECT id FROM solidarity_tickets WHERE event_id = ${event.id} AND status = 'available'`;
  // Evaluated before anything changes, by the first two statements alike.
  const where = sql`${guard(event, 'approve', registrationId)} AND EXISTS (${available})`;
  const given = sql`EXISTS (SELECT 1 FROM solidarity_tickets WHERE registration_id = ${registrationId}
    AND status = 'given' AND given_at = ${now})`;
  const results = await batch(db, [
    queueMessages({ event, now, kinds: [t.message], where, params: { note } }),
    sql`UPDATE solidarity_tickets SET status = 'given', registration_id = ${registrationId}, given_at = ${now}
      WHERE id = (${available} ORDER BY id LIMIT 1)
        AND EXISTS (SELECT 1 FROM registrations r WHERE ${guard(event, 'approve', registrationId)})`,
    sql`UPDATE registrations AS r SET status = ${t.to}, decided_at = ${now}, decision_message = ${note},
        ticket_type = (SELECT ticket_type FROM solidarity_tickets WHERE registration_id = ${registrationId}
          AND given_at = ${now}), price_minor = 0, updated_at = ${now}
      WHERE r.id = ${registrationId} AND r.status = 'pending' AND ${given} RETURNING id`,
    auditWhen(audit, given),
  ]);
  return (results[2]!.results?.length ?? 0) === 1;
}
