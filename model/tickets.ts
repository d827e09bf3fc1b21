// Ticket types and the refund policy of an event, as organisers write them in content, and how
// money is counted: amounts in content are decimals in the currency's units (119.50), everything
// after the build is integer minor units (11950) per the currency's exponent, so no float ever
// reaches a price computation.
import { z } from 'zod';
import { localToUtc, normaliseLocal, parseLocal } from './time.ts';

// content.ts imports this file, so its localDateTime cannot be imported here without a cycle.
const local = z
  .string({ message: 'expected a quoted local date-time like "2027-03-01T09:00"' })
  .refine((v) => parseLocal(v) !== undefined, {
    message: 'expected a real local date-time like "2027-03-01T09:00" (quoted, no offset)',
  })
  .transform(normaliseLocal);

/** Currencies without minor units, and those with three (ISO 4217); every other has two. */
const ZERO_DECIMAL = new Set([
  'BIF',
  'CLP',
  'DJF',
  'GNF',
  'ISK',
  'JPY',
  'KMF',
  'KRW',
  'PYG',
  'RWF',
  'UGX',
  'VND',
  'VUV',
]);
const THREE_DECIMAL = new Set(['BHD', 'JOD', 'KWD', 'OMR', 'TND']);

/** How many digits a currency has after the decimal point (JPY 0, EUR 2, KWD 3). */
export const currencyExponent = (currency: string) =>
  ZERO_DECIMAL.has(currency) ? 0 : THREE_DECIMAL.has(currency) ? 3 : 2;

/** 119.5 CAD → 11950; rounding only absorbs binary noise, since the schema refuses extra digits. */
export const toMinor = (amount: number, currency: string) => Math.round(amount * 10 ** currencyExponent(currency));

/** 11950 CAD → "CA$119.50", as people read prices (en locale, so Node and workerd agree). */
export function formatMoney(minor: number, currency: string): string {
  const exponent = currencyExponent(currency);
  return new Intl.NumberFormat('en', {
    style: 'currency',
    currency,
    minimumFractionDigits: exponent,
    maximumFractionDigits: exponent,
  }).format(minor / 10 ** exponent);
}

const hasDigits = (amount: number, currency: string) =>
  Math.abs(toMinor(amount, currency) - amount * 10 ** currencyExponent(currency)) < 1e-6;

const amount = z.number().min(0).max(1_000_000);

export const ticketTypeSchema = z
  .object({
    /** Stable id: registrations store it, so never reuse one for another ticket. */
    id: z
      .string()
      .regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, { message: 'expected a short id of lowercase letters, digits, "-" or "_"' }),
    /** The ticket's name on the form, the order and the receipt. */
    name: z.string().min(1).max(100),
    /** One or two sentences under the name. */
    description: z.string().max(300).optional(),
    /** In the currency's units (120 or 119.50); 0 is free. Not needed with payWhatYouCan. */
    price: amount.optional(),
    /** ISO 4217 code, the same for every ticket type of the event. */
    currency: z.string().regex(/^[A-Z]{3}$/, { message: 'expected a currency code like "CAD" or "EUR"' }),
    /** How many of this type may be sold; the event's capacity stays the hard limit. */
    quantity: z.number().int().min(1).max(100000).optional(),
    /** When this type is on sale, in the event's zone, inside the registration window. */
    sale: z.object({ opens: local.optional(), closes: local.optional() }).optional(),
    /** Offered only with a voucher that unlocks it. */
    hidden: z.boolean().default(false),
    /** An application first; the person pays once accepted (application events only). */
    afterApproval: z.boolean().default(false),
    /** The buyer chooses the amount: at least the minimum; the form proposes the suggested one. */
    payWhatYouCan: z.object({ minimum: amount, suggested: amount }).optional(),
    /** Bought as an extra, for the organisers to give to someone who applies for one. */
    solidarity: z.boolean().default(false),
  })
  .superRefine((t, ctx) => {
    const issue = (path: PropertyKey[], message: string) => ctx.addIssue({ code: 'custom', path, message });
    if (t.price === undefined && !t.payWhatYouCan) issue(['price'], 'expected a price (0 for a free ticket)');
    const digits = currencyExponent(t.currency);
    const amounts: [PropertyKey[], number | undefined][] = [
      [['price'], t.price],
      [['payWhatYouCan', 'minimum'], t.payWhatYouCan?.minimum],
      [['payWhatYouCan', 'suggested'], t.payWhatYouCan?.suggested],
    ];
    for (const [path, value] of amounts)
      if (value !== undefined && !hasDigits(value, t.currency))
        issue(path, `expected at most ${digits} decimal digits for ${t.currency}`);
    const p = t.payWhatYouCan;
    if (p && p.minimum > p.suggested) issue(['payWhatYouCan', 'suggested'], 'expected suggested ≥ minimum');
    if (p && t.price !== undefined) issue(['price'], 'expected no price with payWhatYouCan (the buyer chooses it)');
    if (t.solidarity && (p || !t.price))
      issue(['solidarity'], 'expected a fixed price above 0 for a solidarity ticket');
    if (t.solidarity && (t.hidden || t.afterApproval))
      issue(['solidarity'], 'expected a solidarity ticket to be neither hidden nor afterApproval');
    if (t.sale?.opens && t.sale.closes && t.sale.opens >= t.sale.closes)
      issue(['sale', 'closes'], `expected the sale to close after it opens (${t.sale.opens})`);
  });

export const refundPolicySchema = z
  .object({
    /** Until then (local time), cancelling refunds in full. */
    fullUntil: local.optional(),
    /** Then until this time, cancelling refunds this percentage; after the last date, nothing. */
    partial: z.object({ percent: z.number().int().min(1).max(99), until: local }).optional(),
  })
  .refine((p) => !p.fullUntil || !p.partial || p.fullUntil < p.partial.until, {
    path: ['partial', 'until'],
    message: 'expected the partial refund to end after the full refund',
  });

export type TicketTypeData = z.output<typeof ticketTypeSchema>;
export type RefundPolicyData = z.output<typeof refundPolicySchema>;

/** What the event-level checks read of an event. */
type TicketedEvent = {
  start: string;
  capacity?: number;
  registration: { mode: string; opens?: string; closes?: string };
  tickets?: TicketTypeData[];
  refundPolicy?: RefundPolicyData;
};

/** Checks no single ticket type can make alone: ids, currency, quantities, windows, modes. */
export function checkTickets(e: TicketedEvent, ctx: z.RefinementCtx) {
  const issue = (path: PropertyKey[], message: string) => ctx.addIssue({ code: 'custom', path, message });
  const tickets = e.tickets ?? [];
  const opens = e.registration.opens;
  const closes = e.registration.closes ?? e.start;
  const seen = new Set<string>();
  tickets.forEach((t, i) => {
    if (seen.has(t.id)) issue(['tickets', i, 'id'], `expected a unique ticket id, but "${t.id}" is used twice`);
    seen.add(t.id);
    if (t.currency !== tickets[0]!.currency)
      issue(['tickets', i, 'currency'], `expected the same currency for every ticket (${tickets[0]!.currency})`);
    if (t.quantity && e.capacity && t.quantity > e.capacity)
      issue(['tickets', i, 'quantity'], `expected a quantity within the event's capacity (${e.capacity})`);
    if (t.sale?.opens && opens && t.sale.opens < opens)
      issue(
        ['tickets', i, 'sale', 'opens'],
        `expected the sale to open within the registration window (from ${opens})`,
      );
    if (t.sale?.closes && t.sale.closes > closes)
      issue(
        ['tickets', i, 'sale', 'closes'],
        `expected the sale to close within the registration window (by ${closes})`,
      );
    const paid = Boolean(t.price || t.payWhatYouCan);
    if (t.afterApproval && e.registration.mode !== 'application')
      issue(
        ['tickets', i, 'afterApproval'],
        'expected afterApproval only on events with registration mode application',
      );
    if (paid && !t.afterApproval && !t.solidarity && e.registration.mode === 'application')
      issue(['tickets', i, 'afterApproval'], 'expected afterApproval: true, since applicants pay once accepted');
  });
  if (e.refundPolicy && !tickets.some((t) => t.price || t.payWhatYouCan))
    issue(['refundPolicy'], 'expected a refund policy only on an event with paid tickets');
}

const catalogueLocal = z.string();
const instant = z.iso.datetime();

/** A ticket type as the read model carries it: money in minor units, sale window also in UTC. */
export const catalogueTicketSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().optional(),
  priceMinor: z.number().int(),
  currency: z.string(),
  quantity: z.number().int().optional(),
  sale: z
    .object({
      opens: catalogueLocal.optional(),
      closes: catalogueLocal.optional(),
      opensUtc: instant.optional(),
      closesUtc: instant.optional(),
    })
    .optional(),
  hidden: z.boolean(),
  afterApproval: z.boolean(),
  payWhatYouCan: z.object({ minimumMinor: z.number().int(), suggestedMinor: z.number().int() }).optional(),
  solidarity: z.boolean(),
});

export const catalogueRefundPolicySchema = z.object({
  fullUntil: catalogueLocal.optional(),
  fullUntilUtc: instant.optional(),
  partial: z.object({ percent: z.number().int(), until: catalogueLocal, untilUtc: instant }).optional(),
});

export type CatalogueTicket = z.infer<typeof catalogueTicketSchema>;
export type CatalogueRefundPolicy = z.infer<typeof catalogueRefundPolicySchema>;

/** The read model's tickets and policy of an event written in content (at build time). */
export function catalogueTickets(
  e: { tickets?: TicketTypeData[]; refundPolicy?: RefundPolicyData },
  timeZone: string,
): { tickets?: CatalogueTicket[]; refundPolicy?: CatalogueRefundPolicy } {
  const utc = (v: string) => localToUtc(v, timeZone).toISOString();
  const tickets = e.tickets?.map((t) => ({
    id: t.id,
    name: t.name,
    ...(t.description ? { description: t.description } : {}),
    priceMinor: toMinor(t.price ?? t.payWhatYouCan!.suggested, t.currency),
    currency: t.currency,
    ...(t.quantity ? { quantity: t.quantity } : {}),
    ...(t.sale
      ? {
          sale: {
            ...(t.sale.opens ? { opens: t.sale.opens, opensUtc: utc(t.sale.opens) } : {}),
            ...(t.sale.closes ? { closes: t.sale.closes, closesUtc: utc(t.sale.closes) } : {}),
          },
        }
      : {}),
    hidden: t.hidden,
    afterApproval: t.afterApproval,
    ...(t.payWhatYouCan
      ? {
          payWhatYouCan: {
            minimumMinor: toMinor(t.payWhatYouCan.minimum, t.currency),
            suggestedMinor: toMinor(t.payWhatYouCan.suggested, t.currency),
          },
        }
      : {}),
    solidarity: t.solidarity,
  }));
  const p = e.refundPolicy;
  const refundPolicy = p && {
    ...(p.fullUntil ? { fullUntil: p.fullUntil, fullUntilUtc: utc(p.fullUntil) } : {}),
    ...(p.partial ? { partial: { ...p.partial, untilUtc: utc(p.partial.until) } } : {}),
  };
  return { ...(tickets ? { tickets } : {}), ...(refundPolicy ? { refundPolicy } : {}) };
}

/** Whether any ticket of the event costs money: then registering goes through a payment. */
export const isPaidEvent = (e: { tickets?: CatalogueTicket[] }) =>
  (e.tickets ?? []).some((t) => t.priceMinor > 0 || t.payWhatYouCan !== undefined);

/** How many days a payment link holds a place when the event does not say (registration.paymentDays). */
export const PAYMENT_DAYS = 3;

/**
 * Until when a place given by an approval or a promotion on a paid ticket is held for its payment:
 * the event's paymentDays from now, but never past the event's start.
 */
export function paymentHoldUntil(e: { registration: { paymentDays?: number }; startUtc: string }, now: Date): Date {
  const until = now.getTime() + (e.registration.paymentDays ?? PAYMENT_DAYS) * 86_400_000;
  return new Date(Math.min(until, Date.parse(e.startUtc)));
}
