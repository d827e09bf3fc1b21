// An event's ticket figures for the console: tickets sold per ticket type and local day (orders by
// the day they were paid, solidarity extras with them), and how many of each type are in each
// state. Grouped in SQL, so a large event returns a row per day and type, never its orders.
import { sql } from 'drizzle-orm';
import { batch } from './batch.ts';
import { type LocalWindow, toLocal } from './charts.ts';
import type { Db } from './client.ts';

/** Tickets sold of a type on a local day ('' for any day before the window), and what they cost. */
export type SaleRow = { day: string; ticketType: string; tickets: number; amountMinor: number };

export type TicketCounts = {
  /** Registrations per ticket type and status. */
  byType: { ticketType: string; status: string; n: number }[];
  /** Solidarity tickets bought as extras, per status (available, given, refunded). */
  solidarity: { status: string; n: number }[];
};

/**
 * Tickets sold per local day and type within `days`, and every sale before it, grouped into one row
 * per type (day '' ), so totals count the whole history. A sale is a ticket of an order that was
 * paid, whatever happened to it later, so the figures of a past day never change.
 */
export async function salesRows(db: Db, eventId: string, days: LocalWindow): Promise<SaleRow[]> {
  const paid = sql`o.paid_at`;
  const day = sql`CASE WHEN ${paid} >= ${days.from} AND ${paid} < ${days.until}
    THEN date(${paid}, ${toLocal(paid, days.segments)}) ELSE '' END`;
  const [rows] = await batch(db, [
    sql`SELECT day, ticket_type AS ticketType, sum(tickets) AS tickets, sum(amount) AS amountMinor FROM (
        SELECT ${day} AS day, r.ticket_type, 1 AS tickets, coalesce(r.price_minor, 0) AS amount
        FROM registrations r JOIN orders o ON o.id = r.order_id
        WHERE r.event_id = ${eventId} AND ${paid} IS NOT NULL AND ${paid} < ${days.until}
        UNION ALL
        SELECT ${day}, s.ticket_type, 1, s.price_minor
        FROM solidarity_tickets s JOIN orders o ON o.id = s.order_id
        WHERE s.event_id = ${eventId} AND ${paid} IS NOT NULL AND ${paid} < ${days.until})
      GROUP BY day, ticket_type ORDER BY day, ticket_type`,
  ]);
  return rows!.results as SaleRow[];
}

export async function ticketCounts(db: Db, eventId: string): Promise<TicketCounts> {
  const [byType, solidarity] = await batch(db, [
    sql`SELECT ticket_type AS ticketType, status, count(*) AS n FROM registrations
      WHERE event_id = ${eventId} AND ticket_type IS NOT NULL GROUP BY ticket_type, status`,
    sql`SELECT status, count(*) AS n FROM solidarity_tickets WHERE event_id = ${eventId} GROUP BY status`,
  ]);
  return {
    byType: byType!.results as TicketCounts['byType'],
    solidarity: solidarity!.results as TicketCounts['solidarity'],
  };
}
