// The paid-ticket part of an event's overview: counts per ticket type and sales per type and day.
import type { CatalogueEvent } from '../../../model/catalogue.ts';
import { formatMoney } from '../../../model/tickets.ts';
import { SalesChart } from '../../../ui/console/sales-chart.tsx';
import { TicketCounts } from '../../../ui/console/ticket-counts.tsx';
import { ticketFigures } from '../../console/sales.ts';
import type { Db } from '../../db/client.ts';

export async function ticketSection(db: Db, event: CatalogueEvent, now: Date) {
  const tickets = event.tickets ?? [];
  const currency = tickets[0]?.currency ?? 'EUR';
  const { series, counts } = await ticketFigures(db, event, now);
  const n = (type: string, ...statuses: string[]) =>
    counts.byType.filter((r) => r.ticketType === type && statuses.includes(r.status)).reduce((s, r) => s + r.n, 0);
  const rows = tickets
    .filter((t) => !t.solidarity)
    .map((t) => {
      const confirmed = n(t.id, 'confirmed');
      const held = n(t.id, 'awaiting_payment');
      return {
        name: t.hidden ? `${t.name} (hidden)` : t.name,
        price: t.payWhatYouCan
          ? `from ${formatMoney(t.payWhatYouCan.minimumMinor, currency)}`
          : t.priceMinor === 0
            ? 'free'
            : formatMoney(t.priceMinor, currency),
        confirmed,
        held,
        cancelled: n(t.id, 'cancelled', 'event_cancelled'),
        left: t.quantity === undefined ? null : Math.max(0, t.quantity - confirmed - held),
      };
    });
  const s = (status: string) => counts.solidarity.find((r) => r.status === status)?.n ?? 0;
  const solidarity = tickets.some((t) => t.solidarity)
    ? { bought: s('available') + s('given') + s('refunded'), given: s('given'), available: s('available') }
    : null;
  return (
    <>
      <TicketCounts rows={rows} solidarity={solidarity} />
      <SalesChart series={series} money={(m) => formatMoney(m, currency)} timeZone={event.timeZone} />
    </>
  );
}
