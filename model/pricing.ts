// What an order costs, computed on the server from the event's ticket types and never taken from
// the client: the type's price × quantity (or the pay-what-you-can amount, at least its minimum),
// a voucher's discount, and solidarity tickets bought as extras. Pure, integers in minor units.
import type { FieldError } from './answers.ts';
import type { CatalogueTicket } from './tickets.ts';
import { formatMoney } from './tickets.ts';

export type VoucherTerms = { kind: 'percent' | 'amount' | 'unlock'; value: number | null; ticketType: string | null };

export type PriceRequest = {
  tickets: CatalogueTicket[];
  /** The type chosen; the first one on sale when absent. */
  ticketType?: string;
  quantity: number;
  /** Pay what you can: the amount per ticket, minor units. */
  amountMinor?: number;
  voucher?: VoucherTerms;
  /** Solidarity tickets bought as extras. */
  solidarity: number;
  now: Date;
};

export type PriceLine = { ticketType: string; name: string; unitMinor: number; quantity: number; solidarity: boolean };

export type Price = {
  ticket: CatalogueTicket;
  currency: string;
  lines: PriceLine[];
  subtotal: number;
  discount: number;
  total: number;
};

export const MAX_GROUP = 10;
export const MAX_SOLIDARITY = 10;

/** Whether a ticket type can be bought at `now`: its sale window, and not a solidarity extra. */
export function onSale(t: CatalogueTicket, now: Date): boolean {
  if (t.solidarity) return false;
  if (t.sale?.opensUtc && new Date(t.sale.opensUtc) > now) return false;
  if (t.sale?.closesUtc && new Date(t.sale.closesUtc) <= now) return false;
  return true;
}

/** The types the form offers: on sale and not hidden (a voucher unlocks hidden ones). */
export const offeredTickets = (tickets: CatalogueTicket[], now: Date) =>
  tickets.filter((t) => onSale(t, now) && !t.hidden);

/** Whether a ticket type costs money (so registering goes through a payment). */
export const isPaid = (t: CatalogueTicket) => t.priceMinor > 0 || t.payWhatYouCan !== undefined;

export function priceOrder(r: PriceRequest): { ok: true; price: Price } | { ok: false; problems: FieldError[] } {
  const problems: FieldError[] = [];
  const unlocked = r.voucher?.kind === 'unlock' ? r.voucher.ticketType : undefined;
  const ticket = r.ticketType
    ? r.tickets.find((t) => t.id === r.ticketType)
    : r.tickets.find((t) => onSale(t, r.now) && !t.hidden);
  if (!ticket || ticket.solidarity || (ticket.hidden && unlocked !== ticket.id)) {
    const message = ticket?.hidden
      ? 'This ticket needs a voucher code that unlocks it.'
      : 'Choose one of the tickets on offer.';
    return { ok: false, problems: [{ field: 'ticketType', message }] };
  }
  if (!onSale(ticket, r.now)) problems.push({ field: 'ticketType', message: `${ticket.name} is not on sale now.` });
  if (!Number.isInteger(r.quantity) || r.quantity < 1 || r.quantity > MAX_GROUP)
    problems.push({ field: 'quantity', message: `One order holds 1 to ${MAX_GROUP} tickets.` });
  let unit = ticket.priceMinor;
  const pwyc = ticket.payWhatYouCan;
  if (pwyc) {
    unit = r.amountMinor ?? pwyc.suggestedMinor;
    if (!Number.isInteger(unit) || unit < pwyc.minimumMinor)
      problems.push({
        field: 'amount',
        message: `Pay at least ${formatMoney(pwyc.minimumMinor, ticket.currency)} for ${ticket.name}.`,
      });
    if (unit > 100 * Math.max(pwyc.suggestedMinor, 1) + pwyc.minimumMinor)
      problems.push({ field: 'amount', message: 'That amount looks mistyped; check the number.' });
  }
  const solidarityType = r.tickets.find((t) => t.solidarity);
  if (r.solidarity && !solidarityType)
    problems.push({ field: 'solidarity', message: 'This event has no solidarity tickets.' });
  else if (!Number.isInteger(r.solidarity) || r.solidarity < 0 || r.solidarity > MAX_SOLIDARITY)
    problems.push({ field: 'solidarity', message: `Add 0 to ${MAX_SOLIDARITY} solidarity tickets.` });
  const v = r.voucher;
  if (v && v.kind !== 'unlock' && v.ticketType && v.ticketType !== ticket.id)
    problems.push({ field: 'voucher', message: `This voucher is not for ${ticket.name}.` });
  if (problems.length) return { ok: false, problems };

  const lines: PriceLine[] = [
    { ticketType: ticket.id, name: ticket.name, unitMinor: unit, quantity: r.quantity, solidarity: false },
  ];
  if (r.solidarity && solidarityType)
    lines.push({
      ticketType: solidarityType.id,
      name: solidarityType.name,
      unitMinor: solidarityType.priceMinor,
      quantity: r.solidarity,
      solidarity: true,
    });
  const subtotal = lines.reduce((n, l) => n + l.unitMinor * l.quantity, 0);
  // A discount applies to the tickets themselves, never to solidarity tickets bought for others.
  const discountable = unit * r.quantity;
  const discount = !v
    ? 0
    : v.kind === 'percent'
      ? Math.round((discountable * Math.min(100, Math.max(0, v.value ?? 0))) / 100)
      : v.kind === 'amount'
        ? Math.min(discountable, Math.max(0, v.value ?? 0))
        : 0;
  return {
    ok: true,
    price: { ticket, currency: ticket.currency, lines, subtotal, discount, total: subtotal - discount },
  };
}

/**
 * The lines Stripe shows and charges: each price line, its discount folded in (one line for the
 * line's total when a discount does not divide into whole units), so the total is exactly ours.
 */
export function chargeLines(price: Price): { name: string; unitMinor: number; quantity: number }[] {
  return price.lines.map((l, i) => {
    const off = i === 0 ? price.discount : 0;
    if (off === 0) return { name: l.name, unitMinor: l.unitMinor, quantity: l.quantity };
    const total = l.unitMinor * l.quantity - off;
    if (total % l.quantity === 0)
      return { name: `${l.name} (voucher)`, unitMinor: total / l.quantity, quantity: l.quantity };
    return { name: `${l.name} × ${l.quantity} (voucher)`, unitMinor: total, quantity: 1 };
  });
}
