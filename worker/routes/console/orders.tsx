// The console's orders of a paid event: the list (payment state, buyer search, pages of 50), one
// order with its tickets and refunds, and refunding it fully or partly (payments.refund), through
// the same refund service as every other refund, which writes the audit log.
import { type Context, Hono } from 'hono';
import { minorOf } from '../../../model/money-input.ts';
import { paymentState, paymentStateLabels, paymentStates } from '../../../model/payment-status.ts';
import { multiLine } from '../../../model/text.ts';
import { currencyExponent, formatMoney } from '../../../model/tickets.ts';
import { formatInstant } from '../../../model/time-format.ts';
import { eventPath } from '../../../ui/console/layout.tsx';
import { OrderPage, type OrderPageProps, OrdersPage } from '../../../ui/console/orders-page.tsx';
import { can, eventFromParam } from '../../access/middleware.ts';
import { organiserMay } from '../../access/rules.ts';
import { record } from '../../db/audit.ts';
import { owedByCancellation } from '../../db/cancellation-refunds.ts';
import { type OrderFilter, orderOfEvent, ordersOfEvent } from '../../db/order-lists.ts';
import { owedRefundsOfOrder } from '../../db/owed-refunds.ts';
import type { AppEnv } from '../../env.ts';
import { readBody } from '../../http/body.ts';
import { fail, problemStatus } from '../../http/problems.ts';
import { refundOrder } from '../../payments/refunds.ts';
import { deliver } from '../../registrations/service.ts';
import { auditBy } from '../admin/shared.ts';
import { services } from '../context.ts';
import { consoleContext } from './context.ts';
import { EVENT } from './events.tsx';

const PAGE_SIZE = 50;
/** Order ids are random and unguessable; this only keeps the path sane. */
const ORDER = ':orderId{[A-Za-z0-9_-]{1,80}}';
const path = `/console/events/${EVENT}/orders`;

const when = (c: Context<AppEnv>, iso: string) => formatInstant(iso, c.var.event.timeZone, c.var.event.city);

function readFilter(c: Context<AppEnv>): { filter: OrderFilter; page: number } | { error: string } {
  const status = c.req.query('status') ?? '';
  const q = (c.req.query('q') ?? '').trim();
  const page = Number(c.req.query('page') ?? '1');
  if (status && !(paymentStates as readonly string[]).includes(status))
    return { error: `Payment is one of: ${paymentStates.join(', ')}.` };
  if (q.length > 100) return { error: 'Search for at most 100 characters.' };
  if (!Number.isSafeInteger(page) || page < 1 || page > 10_000) return { error: 'There is no such page of orders.' };
  return { filter: { status: (status || undefined) as OrderFilter['status'], q: q || undefined }, page };
}

export const consoleOrders = new Hono<AppEnv>()
  .get(path, can('payments.read'), eventFromParam(), async (c) => {
    const event = c.var.event;
    const read = readFilter(c);
    const common = {
      ctx: await consoleContext(c),
      event: { id: event.id, title: event.title },
      filter: { status: c.req.query('status') ?? '', q: (c.req.query('q') ?? '').slice(0, 100) },
      statuses: paymentStates.map((s) => ({ value: s, label: paymentStateLabels[s] })),
    };
    if ('error' in read)
      return c.html(<OrdersPage {...common} rows={[]} total={0} page={1} pages={1} error={read.error} />, 400);
    const found = await ordersOfEvent(c.var.db, event.id, read.filter, {
      offset: (read.page - 1) * PAGE_SIZE,
      limit: PAGE_SIZE,
    });
    await record(c.var.db, auditBy(c, 'orders.list', { eventId: event.id }));
    return c.html(
      <OrdersPage
        {...common}
        rows={found.rows.map((o) => ({
          id: o.id,
          buyer: o.buyerName ?? o.buyerEmailKey,
          email: o.buyerEmail ?? o.buyerEmailKey,
          paymentStatus: paymentStateLabels[paymentState(o)],
          tickets: o.tickets,
          total: formatMoney(o.amountTotal, o.currency),
          refunded: o.amountRefunded > 0 ? formatMoney(o.amountRefunded, o.currency) : null,
          created: when(c, o.createdAt),
        }))}
        total={found.total}
        page={read.page}
        pages={Math.max(1, Math.ceil(found.total / PAGE_SIZE))}
      />,
    );
  })
  .get(`${path}/${ORDER}`, can('payments.read'), eventFromParam(), (c) => orderPage(c))
  .post(`${path}/${ORDER}/refund`, can('payments.refund'), eventFromParam(), async (c) => {
    const event = c.var.event;
    const found = await orderOfEvent(c.var.db, event.id, c.req.param('orderId') ?? '');
    if (!found) return fail('not_found', 'There is no such order for this event.');
    const { data } = await readBody(c);
    const fields = data && typeof data === 'object' ? (data as Record<string, unknown>) : {};
    const values = {
      amount: typeof fields.amount === 'string' ? fields.amount.slice(0, 20) : '',
      note: typeof fields.note === 'string' ? multiLine(fields.note).trim() : '',
    };
    const currency = found.order.currency;
    const errors: Record<string, string> = {};
    const amountMinor = minorOf(values.amount, currency);
    if (amountMinor === undefined)
      errors.amount = `An amount in ${currency} above 0, with at most ${currencyExponent(currency)} digits after the point.`;
    if (!values.note) errors.note = 'Say why, for the buyer and the audit log.';
    else if (values.note.length > 500) errors.note = 'The reason is longer than 500 characters.';
    const message = 'Nothing was refunded: see the fields marked below.';
    if (amountMinor === undefined || Object.keys(errors).length > 0)
      return orderPage(c, { values, errors, message }, 400);
    const result = await refundOrder(services(c), {
      orderId: found.order.id,
      amountMinor,
      reason: 'organiser',
      by: c.var.organiser.name,
      now: c.var.now,
      note: values.note,
    });
    if (!result.ok) {
      const status = problemStatus[result.problem.code as keyof typeof problemStatus] ?? 400;
      const field: Record<string, string> =
        result.problem.code === 'refund_too_large' ? { amount: result.problem.message } : {};
      return orderPage(c, { values, errors: field, message: result.problem.message }, status);
    }
    // The buyer's message leaves now rather than at the next cron run.
    deliver(services(c));
    return c.redirect(`${eventPath(event.id)}/orders/${found.order.id}?done=refunded`, 303);
  });

const notices: Record<string, string> = { refunded: 'Refunded; the buyer has been told.' };
const reasons: Record<string, string> = {
  organiser: 'refunded by an organiser',
  attendee_cancelled: 'an attendee cancelled',
  event_cancelled: 'the event was cancelled',
  late_payment: 'paid after the place was gone',
  second_payment: 'a second payment of a paid order, given back whole',
  stripe: "made in Stripe's dashboard",
};

/** One order's page, with the refund form when this organiser may refund and something is left. */
export async function orderPage(
  c: Context<AppEnv>,
  refund?: Partial<NonNullable<OrderPageProps['refund']>>,
  status = 200,
) {
  const event = c.var.event;
  const found = await orderOfEvent(c.var.db, event.id, c.req.param('orderId') ?? '');
  if (!found) return fail('not_found', 'There is no such order for this event.');
  const { order: o, lines, refunds } = found;
  const owed = await owedRefundsOfOrder(c.var.db, o.id);
  const byCancellation = await owedByCancellation(c.var.db, o.id);
  await record(c.var.db, auditBy(c, 'order.read', { eventId: event.id, detail: { orderId: o.id } }));
  const money = (minor: number) => formatMoney(minor, o.currency);
  const left = o.paidAt ? o.amountTotal - o.amountRefunded : 0;
  const mayRefund = organiserMay(c.var.organiser, 'payments.refund', event.id).ok && left > 0;
  const names = new Map((event.tickets ?? []).map((t) => [t.id, t.name]));
  const exponent = currencyExponent(o.currency);
  return c.html(
    <OrderPage
      ctx={await consoleContext(c)}
      event={{ id: event.id, title: event.title }}
      order={{
        id: o.id,
        buyer: o.buyerName ?? o.buyerEmailKey,
        email: o.buyerEmail ?? o.buyerEmailKey,
        buyerRegistrationId: o.buyerRegistrationId,
        paymentStatus: paymentStateLabels[paymentState(o)],
        created: when(c, o.createdAt),
        paid: o.paidAt ? when(c, o.paidAt) : null,
        subtotal: money(o.amountSubtotal),
        discount: o.amountDiscount > 0 ? money(o.amountDiscount) : null,
        tax: o.amountTax > 0 ? money(o.amountTax) : null,
        total: money(o.amountTotal),
        refunded: money(o.amountRefunded),
        voucher: o.voucherHint,
        solidarity: o.solidarityCount,
      }}
      lines={lines.map((l) => ({
        registrationId: l.registrationId,
        name: l.name,
        ticketType: (l.ticketType && names.get(l.ticketType)) ?? l.ticketType ?? '',
        price: l.priceMinor === null ? '' : money(l.priceMinor),
        status: l.status,
      }))}
      refunds={refunds.map((r) => ({
        at: when(c, r.createdAt),
        amount: money(r.amount),
        reason: reasons[r.reason] ?? r.reason,
        by: r.by,
      }))}
      owed={owed.map((w) => ({
        since: when(c, w.createdAt),
        amount: money(w.amount),
        name: lines.find((l) => l.registrationId === w.registrationId)?.name ?? `registration ${w.registrationId}`,
        attempts: w.attempts,
      }))}
      cancellation={
        byCancellation ? { amount: money(byCancellation.left), attempts: byCancellation.attempts } : undefined
      }
      refund={
        mayRefund
          ? {
              left: (left / 10 ** exponent).toFixed(exponent),
              leftText: money(left),
              currency: o.currency,
              ...refund,
            }
          : undefined
      }
      notice={notices[c.req.query('done') ?? '']}
    />,
    status as 200,
  );
}
