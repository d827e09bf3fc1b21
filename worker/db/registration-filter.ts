// Which registrations of an event an organiser means: the console's table, its bulk actions and
// the audience of a message all choose people with the same filter, turned into SQL here once.
// The SQL names the table `r` (FROM registrations r), as the outbox's set-based inserts do.
import { type SQL, sql } from 'drizzle-orm';
import { type RegistrationStatus, registrationStatuses } from '../registrations/lifecycle.ts';
import type { Db } from './client.ts';
import type { Registration } from './registrations.ts';
import { contains } from './text-search.ts';

export type RegistrationFilter = {
  /** Text in the name, email, ticket code or answers. */
  q?: string;
  status?: RegistrationStatus[];
  checkedIn?: boolean;
  /** Answers to select, multiselect and checkbox questions: the option chosen (or "yes"/"no"). */
  answers?: { questionId: string; value: string | boolean }[];
};

export const sortKeys = ['registered', 'name', 'status', 'updated'] as const;
export type SortKey = (typeof sortKeys)[number];

/** The filter as a condition on `r`, within one event. */
export function filterWhere(eventId: string, f: RegistrationFilter): SQL {
  const parts: SQL[] = [sql`r.event_id = ${eventId}`];
  if (f.status?.length) {
    const known = f.status.filter((s) => (registrationStatuses as readonly string[]).includes(s));
    parts.push(
      sql`r.status IN (${sql.join(
        known.map((s) => sql`${s}`),
        sql`, `,
      )})`,
    );
  }
  if (f.checkedIn !== undefined)
    parts.push(f.checkedIn ? sql`r.checked_in_at IS NOT NULL` : sql`r.checked_in_at IS NULL`);
  if (f.q) {
    const q = f.q;
    const columns = [sql`r.name`, sql`r.email_key`, sql`r.ticket_code`, sql`r.answers`];
    parts.push(
      sql`(${sql.join(
        columns.map((c) => contains(c, q)),
        sql` OR `,
      )})`,
    );
  }
  for (const a of f.answers ?? []) {
    const path = `$."${a.questionId}"`;
    parts.push(
      typeof a.value === 'boolean'
        ? sql`coalesce(json_extract(r.answers, ${path}), 0) = ${a.value ? 1 : 0}`
        : sql`(json_extract(r.answers, ${path}) = ${a.value}
            OR EXISTS (SELECT 1 FROM json_each(r.answers, ${path}) WHERE json_each.value = ${a.value}))`,
    );
  }
  return sql.join(parts, sql` AND `);
}

const orderBy: Record<SortKey, SQL> = {
  registered: sql`r.id`,
  name: sql`lower(r.name), r.id`,
  status: sql`r.status, r.id`,
  updated: sql`r.updated_at DESC, r.id DESC`,
};

const fromRow = (row: Record<string, unknown>): Registration => ({
  id: row.id as number,
  eventId: row.event_id as string,
  name: row.name as string,
  email: row.email as string,
  emailKey: row.email_key as string,
  personId: row.person_id as number | null,
  status: row.status as RegistrationStatus,
  answers: JSON.parse(row.answers as string),
  ticketCode: row.ticket_code as string,
  manageTokenHash: row.manage_token_hash as string,
  consentAt: row.consent_at as string,
  createdAt: row.created_at as string,
  updatedAt: row.updated_at as string,
  waitlistedAt: row.waitlisted_at as string | null,
  decidedAt: row.decided_at as string | null,
  decisionMessage: row.decision_message as string | null,
  checkedInAt: row.checked_in_at as string | null,
  checkedInBy: row.checked_in_by as string | null,
  statusBefore: (row.status_before as RegistrationStatus | null) ?? null,
  orderId: (row.order_id as string | null) ?? null,
  ticketType: (row.ticket_type as string | null) ?? null,
  priceMinor: (row.price_minor as number | null) ?? null,
});

/** One page of the filtered registrations, sorted, with how many match in all. */
export async function filteredRegistrations(
  db: Db,
  eventId: string,
  f: RegistrationFilter,
  o: { sort: SortKey; offset: number; limit: number },
): Promise<{ rows: Registration[]; total: number }> {
  const where = filterWhere(eventId, f);
  const [rows, counted] = await Promise.all([
    db.all(
      sql`SELECT * FROM registrations r WHERE ${where} ORDER BY ${orderBy[o.sort]} LIMIT ${o.limit} OFFSET ${o.offset}`,
    ),
    db.all(sql`SELECT count(*) AS n FROM registrations r WHERE ${where}`),
  ]);
  return {
    rows: (rows as Record<string, unknown>[]).map(fromRow),
    total: ((counted as { n: number }[])[0]?.n as number) ?? 0,
  };
}

/** The registrations of an event with these ids (a bulk action's preview), in id order. */
export async function registrationsByIds(db: Db, eventId: string, ids: number[]): Promise<Registration[]> {
  const rows = await db.all<Record<string, unknown>>(
    sql`SELECT * FROM registrations r WHERE r.event_id = ${eventId}
      AND r.id IN (SELECT value FROM json_each(${JSON.stringify(ids)})) ORDER BY r.id`,
  );
  return rows.map(fromRow);
}
