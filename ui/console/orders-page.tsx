// The console's orders of a paid event: the list (filtered by payment status, searched by buyer)
// and one order's page: its tickets, what was paid and refunded, and the form to refund it.
import { FieldError } from '../question-fields.tsx';
import { type ConsoleContext, ConsoleDocument, CsrfField, eventPath } from './layout.tsx';

export type OrderRow = {
  id: string;
  buyer: string;
  email: string;
  paymentStatus: string;
  tickets: number;
  total: string;
  refunded: string | null;
  created: string;
};

export type OrdersPageProps = {
  ctx: ConsoleContext;
  event: { id: string; title: string };
  filter: { status: string; q: string };
  statuses: readonly { value: string; label: string }[];
  rows: OrderRow[];
  total: number;
  page: number;
  pages: number;
  error?: string;
};

const ordersPath = (eventId: string) => `${eventPath(eventId)}/orders`;

export function OrdersPage(props: OrdersPageProps) {
  const base = ordersPath(props.event.id);
  const page = (n: number) => {
    const p = new URLSearchParams();
    if (props.filter.status) p.set('status', props.filter.status);
    if (props.filter.q) p.set('q', props.filter.q);
    p.set('page', String(n));
    return `${base}?${p}`;
  };
  return (
    <ConsoleDocument title={`Orders · ${props.event.title}`} ctx={props.ctx}>
      <p>
        <a href={`${eventPath(props.event.id)}/`}>← {props.event.title}</a>
      </p>
      <h1>Orders</h1>
      {props.error && (
        <div class="form-errors" role="alert">
          <p>{props.error}</p>
        </div>
      )}
      <form method="get" action={base} class="filters">
        <p>
          <label for="q">Search buyers' names and emails, or an order number</label>
          <input id="q" name="q" type="search" maxlength={100} value={props.filter.q} />
        </p>
        <p>
          <label for="status">Payment</label>
          <select id="status" name="status">
            <option value="">any</option>
            {props.statuses.map((s) => (
              <option value={s.value} selected={props.filter.status === s.value}>
                {s.label}
              </option>
            ))}
          </select>
        </p>
        <p>
          <button class="button" type="submit">
            Show
          </button>{' '}
          <a href={base}>Clear</a>
        </p>
      </form>
      <p role="status">
        {props.total} {props.total === 1 ? 'order' : 'orders'} match.
      </p>
      {props.rows.length > 0 && (
        <section class="table-scroll" aria-label="Orders" tabindex={0}>
          <table class="data">
            <caption>
              Orders, newest first, page {props.page} of {props.pages}
            </caption>
            <thead>
              <tr>
                <th scope="col">Buyer</th>
                <th scope="col">Payment</th>
                <th scope="col">Tickets</th>
                <th scope="col">Total</th>
                <th scope="col">Ordered</th>
              </tr>
            </thead>
            <tbody>
              {props.rows.map((r) => (
                <tr>
                  <th scope="row">
                    <a href={`${base}/${r.id}`}>{r.buyer}</a>
                    <span class="meta"> {r.email}</span>
                  </th>
                  <td>{r.paymentStatus}</td>
                  <td>{r.tickets}</td>
                  <td>
                    {r.total}
                    {r.refunded && <span class="meta"> ({r.refunded} refunded)</span>}
                  </td>
                  <td>{r.created}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      {props.pages > 1 && (
        <nav aria-label="Pages of orders" class="pages">
          {props.page > 1 && <a href={page(props.page - 1)}>← Newer</a>}{' '}
          {props.page < props.pages && <a href={page(props.page + 1)}>Older →</a>}
        </nav>
      )}
    </ConsoleDocument>
  );
}

export type OrderPageProps = {
  ctx: ConsoleContext;
  event: { id: string; title: string };
  order: {
    id: string;
    buyer: string;
    email: string;
    buyerRegistrationId: number | null;
    paymentStatus: string;
    created: string;
    paid: string | null;
    subtotal: string;
    discount: string | null;
    tax: string | null;
    total: string;
    refunded: string;
    voucher: string | null;
    solidarity: number;
  };
  lines: { registrationId: number; name: string; ticketType: string; price: string; status: string }[];
  refunds: { at: string; amount: string; reason: string; by: string }[];
  /** Refunds owed to people who cancelled while Stripe could not be reached (the cron retries them). */
  owed?: { since: string; amount: string; name: string; attempts: number }[];
  /** What the event's cancellation still owes this order (the cron refunds it), and its failed tries. */
  cancellation?: { amount: string; attempts: number };
  /** The refund form, when this organiser may refund and something is left to refund. */
  refund?: {
    /** What is left, as the amount field shows it ("85.50"), and in words ("CA$85.50"). */
    left: string;
    leftText: string;
    currency: string;
    values?: { amount?: string; note?: string };
    errors?: Record<string, string>;
    message?: string;
  };
  notice?: string;
};

export function OrderPage(props: OrderPageProps) {
  const o = props.order;
  const base = `${ordersPath(props.event.id)}/${o.id}`;
  const refund = props.refund;
  return (
    <ConsoleDocument title={`Order ${o.id} · ${props.event.title}`} ctx={props.ctx} notice={props.notice}>
      <p>
        <a href={ordersPath(props.event.id)}>← Orders</a>
      </p>
      <h1>Order by {o.buyer}</h1>
      <dl class="facts-list">
        <dt>Order</dt>
        <dd>
          <code>{o.id}</code>
        </dd>
        <dt>Buyer</dt>
        <dd>
          {o.buyerRegistrationId !== null ? (
            <a href={`${eventPath(props.event.id)}/registrations/${o.buyerRegistrationId}`}>{o.email}</a>
          ) : (
            o.email
          )}
        </dd>
        <dt>Payment</dt>
        <dd>{o.paymentStatus}</dd>
        <dt>Ordered</dt>
        <dd>{o.created}</dd>
        {o.paid && (
          <>
            <dt>Paid</dt>
            <dd>{o.paid}</dd>
          </>
        )}
        <dt>Subtotal</dt>
        <dd>{o.subtotal}</dd>
        {o.discount && (
          <>
            <dt>Discount</dt>
            <dd>
              {o.discount}
              {o.voucher && ` (voucher …${o.voucher})`}
            </dd>
          </>
        )}
        {o.tax && (
          <>
            <dt>Tax</dt>
            <dd>{o.tax}</dd>
          </>
        )}
        <dt>Total</dt>
        <dd>{o.total}</dd>
        <dt>Refunded</dt>
        <dd>{o.refunded}</dd>
        {o.solidarity > 0 && (
          <>
            <dt>Solidarity tickets bought</dt>
            <dd>{o.solidarity}</dd>
          </>
        )}
      </dl>

      <h2>Tickets</h2>
      <section class="table-scroll" aria-label="Tickets in this order" tabindex={0}>
        <table class="data">
          <thead>
            <tr>
              <th scope="col">Attendee</th>
              <th scope="col">Ticket</th>
              <th scope="col">Price</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {props.lines.map((l) => (
              <tr>
                <th scope="row">
                  <a href={`${eventPath(props.event.id)}/registrations/${l.registrationId}`}>{l.name}</a>
                </th>
                <td>{l.ticketType}</td>
                <td>{l.price}</td>
                <td>{l.status}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <h2>Refunds</h2>
      {props.refunds.length === 0 ? (
        <p>None.</p>
      ) : (
        <ul class="history">
          {props.refunds.map((r) => (
            <li>
              {r.at}: {r.amount}, {r.reason} ({r.by})
            </li>
          ))}
        </ul>
      )}
      {((props.owed && props.owed.length > 0) || props.cancellation) && (
        <section aria-labelledby="owed-heading">
          <h3 id="owed-heading">Refunds still owed</h3>
          {props.cancellation && (
            <p>
              {props.cancellation.amount} to the buyer: the event is cancelled, and every paid order is refunded in
              full, a few every few minutes.{' '}
              {props.cancellation.attempts > 0 &&
                `Stripe refused this one ${props.cancellation.attempts === 1 ? 'once' : `${props.cancellation.attempts} times`} so far; it is tried again after the others.`}
            </p>
          )}
          {props.owed && props.owed.length > 0 && (
            <p>Stripe could not make these when the person cancelled; they are tried again every few minutes.</p>
          )}
          <ul class="history">
            {(props.owed ?? []).map((w) => (
              <li>
                {w.amount} to {w.name}, owed since {w.since} ({w.attempts === 1 ? '1 retry' : `${w.attempts} retries`}{' '}
                so far)
              </li>
            ))}
          </ul>
        </section>
      )}

      {refund && (
        <section aria-labelledby="refund-heading">
          <h2 id="refund-heading">Refund</h2>
          {refund.message && (
            <div class="form-errors" role="alert">
              <p>{refund.message}</p>
            </div>
          )}
          <form class="registration" method="post" action={`${base}/refund`} novalidate>
            <CsrfField ctx={props.ctx} />
            <div class="field">
              <label for="refund-amount">Amount ({refund.currency})</label>
              <p class="help" id="refund-amount-help">
                Up to {refund.leftText}, which refunds the whole order. Less refunds part of it; it goes back to the
                card the buyer paid with.
              </p>
              <input
                id="refund-amount"
                name="amount"
                inputmode="decimal"
                autocomplete="off"
                required
                value={refund.values?.amount ?? refund.left}
                aria-invalid={refund.errors?.amount ? 'true' : undefined}
                aria-describedby={
                  refund.errors?.amount ? 'refund-amount-help refund-amount-error' : 'refund-amount-help'
                }
              />
              <FieldError id="refund-amount" message={refund.errors?.amount} />
            </div>
            <div class="field">
              <label for="refund-note">Reason</label>
              <p class="help" id="refund-note-help">
                Kept in the audit log and sent to the buyer with the refund.
              </p>
              <textarea
                id="refund-note"
                name="note"
                required
                maxlength={500}
                aria-invalid={refund.errors?.note ? 'true' : undefined}
                aria-describedby={refund.errors?.note ? 'refund-note-help refund-note-error' : 'refund-note-help'}
              >
                {refund.values?.note ?? ''}
              </textarea>
              <FieldError id="refund-note" message={refund.errors?.note} />
            </div>
            <p>
              <button class="button primary" type="submit">
                Refund
              </button>
            </p>
          </form>
        </section>
      )}
    </ConsoleDocument>
  );
}
