// Sales per ticket type and day, as the overview's chart shows them: the counts come grouped by the
// event's local day from SQL (db/sales.ts); here they are laid out (pure) over a run of days with
// zeros filled in, a column per ticket type in the event's order, and totals.

import type { CatalogueEvent } from '../../model/catalogue.ts';
import { utcToLocal } from '../../model/time.ts';
import type { SalesDay, SalesSeries, TicketTypeRef } from '../../ui/console/sales-chart.tsx';
import type { Db } from '../db/client.ts';
import { type SaleRow, salesRows, ticketCounts } from '../db/sales.ts';
import { daysWindow } from './charts.ts';

/** At most this many days are shown, the last ones. */
export const SALES_DAYS = 30;

const DAY = 86_400_000;
export const addDays = (date: string, n: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);

/**
 * The days from the first sale (or `lastDay` minus a week, whichever is earlier) to `lastDay`, at most
 * SALES_DAYS; rows of other days (or of day '', before the window) count in the totals only.
 */
export function salesSeries(rows: readonly SaleRow[], types: readonly TicketTypeRef[], lastDay: string): SalesSeries {
  const known = new Set(types.map((t) => t.id));
  const extra = [...new Set(rows.map((r) => r.ticketType).filter((id) => !known.has(id)))].sort();
  const all = [...types, ...extra.map((id) => ({ id, name: id }))];
  const column = new Map(all.map((t, i) => [t.id, i]));

  const firstSale = rows.reduce<string | undefined>(
    (min, r) => (min === undefined || r.day < min ? r.day : min),
    undefined,
  );
  const earliest = addDays(lastDay, 1 - SALES_DAYS);
  const weekBefore = addDays(lastDay, -6);
  let first = firstSale && firstSale < weekBefore ? firstSale : weekBefore;
  if (first < earliest) first = earliest;

  const days: SalesDay[] = [];
  const index = new Map<string, SalesDay>();
  for (let d = first; d <= lastDay; d = addDays(d, 1)) {
    const day = { date: d, byType: all.map(() => 0), tickets: 0, amountMinor: 0 };
    days.push(day);
    index.set(d, day);
  }
  const totals = { byType: all.map(() => 0), tickets: 0, amountMinor: 0 };
  for (const r of rows) {
    const i = column.get(r.ticketType)!;
    for (const target of [index.get(r.day), totals]) {
      if (!target) continue;
      target.byType[i]! += r.tickets;
      target.tickets += r.tickets;
      target.amountMinor += r.amountMinor;
    }
  }
  return { types: all, days, totals };
}

/** The overview's paid-ticket figures: sales per type and day up to today (or the event's end), and counts per type. */
export async function ticketFigures(db: Db, event: CatalogueEvent, now: Date) {
  const zone = event.timeZone;
  const lastDay = utcToLocal(Math.min(now.getTime(), Date.parse(event.endUtc)), zone).slice(0, 10);
  const types = (event.tickets ?? []).map((t) => ({ id: t.id, name: t.name }));
  const [rows, counts] = await Promise.all([
    salesRows(db, event.id, daysWindow(addDays(lastDay, 1 - SALES_DAYS), lastDay, zone)),
    ticketCounts(db, event.id),
  ]);
  return { series: salesSeries(rows, types, lastDay), counts };
}
