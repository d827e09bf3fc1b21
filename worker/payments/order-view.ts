// The order summary of a manage page (ui/order-summary.tsx), from the order, its places and its
// refunds: the whole order for its buyer, one ticket for an attendee with their own link.
import type { CatalogueEvent } from '../../model/catalogue.ts';
import { ticketUrl } from '../../model/ticket.ts';
import { formatInstant } from '../../model/time-format.ts';
import { type OrderSummaryView, refundReasonText } from '../../ui/order-summary.tsx';
import type { Db } from '../db/client.ts';
import { attendeesOf, orderById, refundsOf } from '../db/orders.ts';
import type { Registration } from '../db/registrations.ts';

export async function orderView(
  db: Db,
  event: CatalogueEvent,
  r: Registration,
  siteUrl: string,
): Promise<OrderSummaryView | undefined> {
  if (!r.orderId) return undefined;
  const [order, places, refunds] = await Promise.all([
    orderById(db, r.orderId),
    attendeesOf(db, r.orderId),
    refundsOf(db, r.orderId),
  ]);
  if (!order) return undefined;
  const ticketName = (id: string | null) => event.tickets?.find((t) => t.id === id)?.name ?? id ?? 'Ticket';
  const buyer = order.buyerRegistrationId === r.id;
  const buyerRow = places.find((p) => p.id === order.buyerRegistrationId);
  // Someone without an address of their own carries the buyer's, and the buyer holds their ticket.
  const managed = (p: Registration) => p.id !== buyerRow?.id && p.email === buyerRow?.email;
  const lines = (buyer ? places : places.filter((p) => p.id === r.id)).map((p) => ({
    name: p.name,
    ticket: ticketName(p.ticketType),
    priceMinor: p.priceMinor ?? 0,
    ...(buyer && managed(p) && p.status === 'confirmed'
      ? { ticketUrl: ticketUrl(siteUrl, p.ticketCode), ticketCode: p.ticketCode }
      : {}),
  }));
  const solidarityType = event.tickets?.find((t) => t.solidarity);
  const when = (iso: string) => formatInstant(iso, event.timeZone, event.city);
  return {
    role: buyer ? 'buyer' : 'attendee',
    status: order.status,
    currency: order.currency,
    lines,
    ...(order.solidarityCount > 0 && solidarityType
      ? {
          solidarity: { name: solidarityType.name, count: order.solidarityCount, unitMinor: solidarityType.priceMinor },
        }
      : {}),
    discountMinor: order.amountDiscount,
    taxMinor: order.amountTax,
    totalMinor: order.amountTotal,
    refundedMinor: order.amountRefunded,
    refunds: refunds.map((x) => ({
      amountMinor: x.amount,
      when: when(x.createdAt),
      reason: refundReasonText[x.reason] ?? x.reason,
    })),
    ...(buyer && order.status === 'open' && r.status === 'awaiting_payment'
      ? { pay: { until: when(order.expiresAt), href: `/manage/${r.id}/pay` } }
      : {}),
  };
}
