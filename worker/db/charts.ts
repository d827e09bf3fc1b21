// Counts for the event overview's charts, grouped in SQL by the event's local day or hour, so a
// large event returns at most a row per day or hour, never its registrations.
import { type SQL, sql } from 'drizzle-orm';
import { batch } from './batch.ts';
import type { Db } from './client.ts';

/** From this instant (ISO 8601, UTC) on, the zone is `offset` minutes ahead of UTC. */
export type OffsetSegment = { from: string; offset: number };
/** An interval [from, until) of UTC instants, and the zone's offsets within it. */
export type LocalWindow = { from: string; until: string; segments: OffsetSegment[] };

/** The SQLite date modifier that turns a UTC time in `column` into the zone's wall clock. */
export function toLocal(column: SQL, segments: OffsetSegment[]): SQL {
  const modifier = (offset: number) => `${offset >= 0 ? '+' : ''}${offset} minutes`;
  const [first, ...rest] = segments;
  if (!first) return sql`'+0 minutes'`;
  if (rest.length === 0) return sql`${modifier(first.offset)}`;
  const changes = rest.map((s, i) => sql`WHEN ${column} < ${s.from} THEN ${modifier(segments[i]!.offset)}`);
  return sql`CASE ${sql.join(changes, sql` `)} ELSE ${modifier(rest.at(-1)!.offset)} END`;
}

export type ChartCounts = {
  /** Registrations made per local day ("2026-11-25"). */
  days: { day: string; n: number }[];
  /** People checked in per local hour ("2026-11-25 09"). */
  hours: { hour: string; n: number }[];
};

/** Registrations made per day in `days`, and check-ins per hour in `hours`, in one round trip. */
export async function chartCounts(
  db: Db,
  eventId: string,
  days: LocalWindow,
  hours: LocalWindow,
): Promise<ChartCounts> {
  const created = sql`created_at`;
  const checkedIn = sql`checked_in_at`;
  const [perDay, perHour] = await batch(db, [
    sql`SELECT date(${created}, ${toLocal(created, days.segments)}) AS day,
        count(*) AS n
      FROM registrations WHERE event_id = ${eventId} AND ${created} >= ${days.from} AND ${created} < ${days.until}
      GROUP BY day ORDER BY day`,
    sql`SELECT strftime('%Y-%m-%d %H', ${checkedIn},
        ${toLocal(checkedIn, hours.segments)}) AS hour, count(*) AS n
      FROM registrations WHERE event_id = ${eventId} AND ${checkedIn} >= ${hours.from} AND ${checkedIn} < ${hours.until}
      GROUP BY hour ORDER BY hour`,
  ]);
  return { days: perDay!.results as ChartCounts['days'], hours: perHour!.results as ChartCounts['hours'] };
}
