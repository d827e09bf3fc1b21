// Places given by an approval or a promotion on a paid ticket: held for payment (the lifecycle's
// approveToPay and promoteToPay), each with an order made in the same batch, whose link the person
// follows to pay. The SQL pieces the place-giving statements of db/registrations.ts and
// db/bulk-decisions.ts share.
import { type SQL, sql } from 'drizzle-orm';
import type { CatalogueEvent } from '../../model/catalogue.ts';
import { isPaidEvent, paymentHoldUntil } from '../../model/tickets.ts';
import { formatInstant } from '../../model/time-format.ts';
import { lifecycle, placeActions } from '../registrations/lifecycle.ts';

/** Whether registration `r` pays for its place: the ticket it chose has a price. */
export const paysForPlace = sql`coalesce(r.price_minor, 0) > 0`;

/** A fresh order id made in SQL: random and unguessable, like payments/checkout.ts's. */
const newOrderId = sql`'ord_' || lower(hex(randomblob(24)))`;

export type PaymentTerms = {
  /** When the hold ends (ISO). */
  expiresAt: string;
  /** The same, as the person reads it in the payment link's message. */
  until: string;
  currency: string;
};

/** The hold a place-giving action makes on this event, if any of its tickets costs money. */
export function paymentTerms(event: CatalogueEvent, now: string): PaymentTerms | undefined {
  if (!isPaidEvent(event)) return undefined;
  const expiresAt = paymentHoldUntil(event, new Date(now)).toISOString();
  return {
    expiresAt,
    until: formatInstant(expiresAt, event.timeZone, event.city),
    currency: event.tickets![0]!.currency,
  };
}

export type PlaceAction = keyof typeof placeActions;

/**
 * How one place-giving action writes registration `r`: its new status, its order and its message,
 * each chosen per registration by its price. On a free event, exactly the free transition.
 */
export function placeWrite(action: PlaceAction, terms: PaymentTerms | undefined, note?: string | null) {
  const free = lifecycle[placeActions[action].free];
  const paid = lifecycle[placeActions[action].paid];
  if (!terms)
    return {
      status: sql`${free.to}`,
      order: sql``,
      message: { kinds: [free.message], params: { note } },
    };
  return {
    status: sql`CASE WHEN ${paysForPlace} THEN ${paid.to} ELSE ${free.to} END`,
    order: sql`, order_id = CASE WHEN ${paysForPlace} THEN ${newOrderId} ELSE r.order_id END`,
    message: {
      kinds: [free.message, paid.message],
      kind: sql`CASE WHEN ${paysForPlace} THEN ${paid.message} ELSE ${free.message} END`,
      params: { note, other: terms.until },
    },
  };
}

/**
 * The orders of the holds the statements before it just made: every registration of the event
 * awaiting payment whose order does not exist yet. One order per person, for their ticket's price.
 */
export function ordersForNewHolds(event: CatalogueEvent, terms: PaymentTerms | undefined, now: string): SQL[] {
  if (!terms) return [];
  return [
    sql`INSERT INTO orders (id, event_id, buyer_registration_id, buyer_email_key, status, currency, amount_subtotal,
        amount_discount, amount_total, solidarity_count, expires_at, created_at, updated_at)
      SELECT r.order_id, r.event_id, r.id, r.email_key, 'open', ${terms.currency}, r.price_minor, 0, r.price_minor, 0,
        ${terms.expiresAt}, ${now}, ${now}
      FROM registrations r WHERE r.event_id = ${event.id} AND r.status = ${lifecycle.approveToPay.to}
        AND r.order_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM orders o WHERE o.id = r.order_id)`,
  ];
}
