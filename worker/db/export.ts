// Reading an event's registrations for an export: a page at a time in id order (keyset, so each
// page is one indexed range), each with its matching profile, chosen by the console's filter.
import { sql } from 'drizzle-orm';
import type { ExportRow } from '../registrations/export.ts';
import type { Db } from './client.ts';
import { filterWhere, type RegistrationFilter } from './registration-filter.ts';

const tags = (v: unknown): string[] => (typeof v === 'string' ? JSON.parse(v) : []);

function fromRow(row: Record<string, unknown>): ExportRow {
  return {
    id: row.id as number,
    status: row.status as string,
    name: row.name as string,
    email: row.email as string,
    emailProven: row.person_id !== null,
    ticketCode: row.ticket_code as string,
    createdAt: row.created_at as string,
    updatedAt: row.updated_at as string,
    waitlistedAt: row.waitlisted_at as string | null,
    decidedAt: row.decided_at as string | null,
    decisionMessage: row.decision_message as string | null,
    checkedInAt: row.checked_in_at as string | null,
    checkedInBy: row.checked_in_by as string | null,
    answers: JSON.parse(row.answers as string),
    profile:
      row.p_id === null
        ? null
        : {
            displayName: row.display_name as string,
            bio: row.bio as string | null,
            city: row.city as string | null,
            offers: tags(row.offers),
            seeks: tags(row.seeks),
            interests: tags(row.interests),
            languages: tags(row.languages),
            visibility: row.visibility as 'event' | 'network',
            available: row.available === 1,
          },
    order:
      row.o_id === null
        ? null
        : {
            id: row.o_id as string,
            ticketType: row.ticket_type as string | null,
            priceMinor: row.price_minor as number | null,
            currency: row.o_currency as string,
            status: row.o_status as string,
            paidAt: row.o_paid_at as string | null,
            amountTotal: row.o_total as number,
            amountRefunded: row.o_refunded as number,
          },
  };
}

/** How many registrations the filter chooses. */
export async function countForExport(db: Db, eventId: string, f: RegistrationFilter): Promise<number> {
  const [row] = await db.all<{ n: number }>(
    sql`SELECT count(*) AS n FROM registrations r WHERE ${filterWhere(eventId, f)}`,
  );
  return row?.n ?? 0;
}

/** The next `limit` registrations after id `after`, with their profiles. */
export async function exportPage(
  db: Db,
  eventId: string,
  f: RegistrationFilter,
  after: number,
  limit: number,
): Promise<ExportRow[]> {
  const rows = await db.all<Record<string, unknown>>(sql`SELECT r.id, r.status, r.name, r.email, r.person_id,
      r.ticket_code, r.created_at, r.updated_at, r.waitlisted_at, r.decided_at, r.decision_message, r.checked_in_at,
      r.checked_in_by, r.answers, p.registration_id AS p_id, p.display_name, p.bio, p.city, p.offers, p.seeks,
      p.interests, p.languages, p.visibility, p.available, r.ticket_type, r.price_minor, o.id AS o_id,
      o.currency AS o_currency, o.status AS o_status, o.paid_at AS o_paid_at, o.amount_total AS o_total,
      o.amount_refunded AS o_refunded
    FROM registrations r LEFT JOIN profiles p ON p.registration_id = r.id LEFT JOIN orders o ON o.id = r.order_id
    WHERE ${filterWhere(eventId, f)} AND r.id > ${after}
    ORDER BY r.id LIMIT ${limit}`);
  return rows.map(fromRow);
}
