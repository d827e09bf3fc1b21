// What a paid ticket's manage page says about the money: for the buyer, the whole order (each
// attendee, ticket, price, discount, tax when Stripe reported it, total, payment status, refunds);
// for an attendee with their own link, their ticket and whether it is paid; and "Pay now" while a
// place is held for its payment.
import { formatMoney } from '../model/tickets.ts';
import { QrCode } from './qr-code.tsx';

export type OrderStatus = 'open' | 'paid' | 'expired' | 'cancelled';

export type OrderSummaryView = {
  /** The buyer sees the whole order; anyone else in it sees their own ticket. */
  role: 'buyer' | 'attendee';
  status: OrderStatus;
  currency: string;
  /** Each place in the order (the buyer's first), or only the attendee's own. */
  lines: {
    name: string;
    ticket: string;
    priceMinor: number;
    /** Someone the buyer manages (no address of their own): their ticket, once confirmed. */
    ticketUrl?: string;
    ticketCode?: string;
  }[];
  solidarity?: { name: string; count: number; unitMinor: number };
  discountMinor: number;
  taxMinor: number;
  totalMinor: number;
  refundedMinor: number;
  refunds: { amountMinor: number; when: string; reason: string }[];
  /** While the place waits for its payment: until when it is held, and where to pay. */
  pay?: { until: string; href: string };
};

/** The order's payment status as the person reads it. */
export function paymentStatusText(o: Pick<OrderSummaryView, 'status' | 'refundedMinor' | 'totalMinor'>): string {
  if (o.status === 'open') return 'Waiting for payment';
  if (o.status === 'expired') return 'Not paid: the hold ran out, and nothing was charged';
  if (o.status === 'cancelled')
    return o.refundedMinor > 0
      ? 'Cancelled, and the payment refunded'
      : 'Cancelled before it was paid: nothing was charged';
  if (o.refundedMinor > 0 && o.refundedMinor >= o.totalMinor) return 'Paid, then refunded in full';
  if (o.refundedMinor > 0) return 'Paid, partly refunded';
  return 'Paid';
}

export const refundReasonText: Record<string, string> = {
  event_cancelled: 'the event was cancelled',
  attendee_cancelled: 'you cancelled',
  organiser: 'by the organisers',
  late_payment: 'the payment came after the place was gone',
  second_payment: 'a second payment of this order, given back',
  stripe: 'by the organisers',
};

export function PayNow(props: { pay: NonNullable<OrderSummaryView['pay']> }) {
  return (
    <div class="pay-now">
      <p>
        Your place is held for you until <strong>{props.pay.until}</strong>. Pay before then to confirm it; after that
        the place goes to the next person and nothing is charged.
      </p>
      <p>
        <a class="button primary" href={props.pay.href}>
          Pay now
        </a>
      </p>
    </div>
  );
}

export function OrderSummary(props: { order: OrderSummaryView }) {
  const o = props.order;
  const money = (minor: number) => formatMoney(minor, o.currency);
  const status = paymentStatusText(o);
  if (o.role === 'attendee') {
    const mine = o.lines[0];
    return (
      <section class="order-summary" aria-labelledby="order-heading">
        <h2 id="order-heading">Your ticket</h2>
        {mine && (
          <p>
            {mine.ticket}, {money(mine.priceMinor)}: {o.status === 'paid' ? 'paid by the person who booked it' : status}
            .
          </p>
        )}
      </section>
    );
  }
  const managed = o.lines.filter((l) => l.ticketUrl && l.ticketCode);
  return (
    <section class="order-summary" aria-labelledby="order-heading">
      <h2 id="order-heading">Your order</h2>
      {o.pay && <PayNow pay={o.pay} />}
      <table class="data">
        <caption class="visually-hidden">Tickets in your order, with prices</caption>
        <thead>
          <tr>
            <th scope="col">Attendee</th>
            <th scope="col">Ticket</th>
            <th scope="col" class="number">
              Price
            </th>
          </tr>
        </thead>
        <tbody>
          {o.lines.map((l) => (
            <tr>
              <th scope="row">{l.name}</th>
              <td>{l.ticket}</td>
              <td class="number">{money(l.priceMinor)}</td>
            </tr>
          ))}
          {o.solidarity && (
            <tr>
              <th scope="row">For someone who applies</th>
              <td>
                {o.solidarity.name} × {o.solidarity.count}
              </td>
              <td class="number">{money(o.solidarity.unitMinor * o.solidarity.count)}</td>
            </tr>
          )}
        </tbody>
        <tfoot>
          {o.discountMinor > 0 && (
            <tr>
              <th scope="row" colspan={2}>
                Voucher
              </th>
              <td class="number">−{money(o.discountMinor)}</td>
            </tr>
          )}
          {o.taxMinor > 0 && (
            <tr>
              <th scope="row" colspan={2}>
                Tax (as Stripe calculated it; see your receipt)
              </th>
              <td class="number">{money(o.taxMinor)}</td>
            </tr>
          )}
          <tr>
            <th scope="row" colspan={2}>
              Total
            </th>
            <td class="number">
              <strong>{money(o.totalMinor)}</strong>
            </td>
          </tr>
        </tfoot>
      </table>
      <p>
        Payment: <strong>{status}</strong>.
      </p>
      {o.refunds.length > 0 && (
        <>
          <h3>Refunds</h3>
          <ul>
            {o.refunds.map((r) => (
              <li>
                {money(r.amountMinor)} on {r.when} ({r.reason})
              </li>
            ))}
          </ul>
        </>
      )}
      {managed.length > 0 && (
        <>
          <h3>Tickets you hold for others</h3>
          <p>Each person shows their own code or QR code at the door; send it to them, or print it.</p>
          <ul class="held-tickets">
            {managed.map((l) => (
              <li>
                <QrCode text={l.ticketUrl!} label={`QR code of ${l.name}'s ticket`} />
                <span>
                  {l.name}: <span class="ticket-code">{l.ticketCode}</span>
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
