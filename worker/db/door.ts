// The door in D1: the check-in list a door page keeps offline, the search of its no-JavaScript
// form, and the sync of check-ins and undos queued on devices. A sync is one batch of set-based
// statements over the items (passed as one JSON parameter), whatever their number: each nonce is
// recorded once, and the registrations they touch are brought to model/door-rule.ts's state.
import { sql } from 'drizzle-orm';
import { checkInFrom, type RegistrationStatus } from '../registrations/lifecycle.ts';
import { batch } from './batch.ts';
import type { Db } from './client.ts';
import { contains } from './text-search.ts';

/** One line of the door's list: nothing personal beyond the name on the ticket. */
export type DoorTicket = {
  code: string;
  name: string;
  status: RegistrationStatus;
  checkedInAt: string | null;
  checkedInBy: string | null;
};

const ticketColumns = sql`r.ticket_code AS code, r.name, r.status, r.checked_in_at AS checkedInAt,
  r.checked_in_by AS checkedInBy`;

async function all<T>(db: Db, query: ReturnType<typeof sql>): Promise<T[]> {
  const [result] = await batch(db, [query]);
  return (result!.results ?? []) as T[];
}

/** The event's tickets, or those changed since `since` (the registrations_event_updated index). */
export function doorTickets(db: Db, eventId: string, since?: string): Promise<DoorTicket[]> {
  return all<DoorTicket>(
    db,
    since
      ? sql`SELECT ${ticketColumns} FROM registrations r WHERE r.event_id = ${eventId} AND r.updated_at >= ${since}
          ORDER BY r.updated_at, r.id`
      : sql`SELECT ${ticketColumns} FROM registrations r WHERE r.event_id = ${eventId} ORDER BY r.id`,
  );
}

/** Tickets whose name or code holds `q` (the door's form without JavaScript), at most `limit`. */
export function searchTickets(db: Db, eventId: string, q: string, code: string, limit: number) {
  return all<DoorTicket>(
    db,
    sql`SELECT ${ticketColumns} FROM registrations r WHERE r.event_id = ${eventId}
      AND (r.ticket_code = ${code} OR ${contains(sql`r.name`, q)})
      ORDER BY r.ticket_code = ${code} DESC, lower(r.name), r.id LIMIT ${limit}`,
  );
}

/** A check-in or undo made on a device: its time already bounded by the server (model/door-rule.ts). */
export type DoorItem = { nonce: string; action: 'check-in' | 'undo'; code: string; at: string };

/** Each item after the sync, with its ticket as it is now (name and state only for this event). */
export type SyncedItem = {
  nonce: string;
  code: string;
  /** The event the code belongs to, if any. */
  eventId: string | null;
  name: string | null;
  status: RegistrationStatus | null;
  checkedInAt: string | null;
  checkedInBy: string | null;
};

export type SyncInput = { eventId: string; actor: string; now: string; items: DoorItem[] };

/**
 * Records the items and answers the state of their tickets, in one transaction:
 * 1. an audit entry for each item whose nonce is new (before it is inserted, so a resend adds none);
 * 2. the nonces, once (a check-in only for a registration that may pass the door);
 * 3. the registrations whose history changed, to the door rule's state (earliest check-in after
 *    the latest undo; the current check-in counts too, since the organiser API keeps no history);
 * 4. the state of every item's ticket.
 */
export async function syncCheckIns(db: Db, s: SyncInput): Promise<SyncedItem[]> {
  const json = JSON.stringify(s.items);
  const items = sql`(SELECT json_extract(value, '$.nonce') AS nonce, json_extract(value, '$.action') AS action,
      json_extract(value, '$.code') AS code, json_extract(value, '$.at') AS at FROM json_each(${json}))`;
  const admitted = sql`(j.action = 'undo' OR r.status IN (${sql.join(
    checkInFrom.map((st) => sql`${st}`),
    sql`, `,
  )}))`;
  const mine = sql`JOIN registrations r ON r.ticket_code = j.code AND r.event_id = ${s.eventId}`;
  const affected = sql`SELECT DISTINCT c.registration_id FROM check_ins c
    WHERE c.event_id = ${s.eventId} AND c.nonce IN (SELECT nonce FROM ${items})`;
  // Candidates for the check-in that stands: the history after the latest undo, and the current one.
  const winner = (column: 'at' | 'actor') => sql`(SELECT k.${sql.raw(column)} FROM (
      SELECT c.at, c.actor FROM check_ins c WHERE c.registration_id = registrations.id AND c.action = 'check-in'
      UNION ALL SELECT registrations.checked_in_at, registrations.checked_in_by
        WHERE registrations.checked_in_at IS NOT NULL) k
    WHERE k.at > coalesce((SELECT max(u.at) FROM check_ins u
      WHERE u.registration_id = registrations.id AND u.action = 'undo'), '')
    ORDER BY k.at, k.actor LIMIT 1)`;
  const [, , , read] = await batch(db, [
    sql`INSERT INTO audit_log (at, actor, action, event_id, registration_id, detail)
      SELECT ${s.now}, ${s.actor}, CASE j.action WHEN 'undo' THEN 'check-in.undo' ELSE 'check-in' END, r.event_id, r.id,
        json_object('ticketCode', r.ticket_code, 'nonce', j.nonce, 'at', j.at, 'via', 'door')
      FROM ${items} j ${mine}
      WHERE ${admitted} AND NOT EXISTS (SELECT 1 FROM check_ins c WHERE c.nonce = j.nonce)`,
    sql`INSERT INTO check_ins (nonce, event_id, registration_id, action, at, received_at, actor)
      SELECT j.nonce, r.event_id, r.id, j.action, j.at, ${s.now}, ${s.actor}
      FROM ${items} j ${mine}
      WHERE ${admitted}
      ON CONFLICT (nonce) DO NOTHING`,
    sql`UPDATE registrations SET checked_in_at = ${winner('at')}, checked_in_by = ${winner('actor')},
        updated_at = ${s.now}
      WHERE id IN (${affected})
        AND (checked_in_at IS NOT ${winner('at')} OR checked_in_by IS NOT ${winner('actor')})`,
    sql`SELECT j.nonce, j.code, r.event_id AS eventId,
        CASE WHEN r.event_id = ${s.eventId} THEN r.name END AS name,
        CASE WHEN r.event_id = ${s.eventId} THEN r.status END AS status,
        CASE WHEN r.event_id = ${s.eventId} THEN r.checked_in_at END AS checkedInAt,
        CASE WHEN r.event_id = ${s.eventId} THEN r.checked_in_by END AS checkedInBy
      FROM ${items} j LEFT JOIN registrations r ON r.ticket_code = j.code`,
  ]);
  return (read!.results ?? []) as SyncedItem[];
}

/** The event a ticket is for (a ticket's public link leads to its event's page). */
export async function eventOfTicket(db: Db, code: string): Promise<string | undefined> {
  const [row] = await all<{ eventId: string }>(
    db,
    sql`SELECT event_id AS eventId FROM registrations WHERE ticket_code = ${code} LIMIT 1`,
  );
  return row?.eventId;
}
