// The manage page of a paid ticket: the buyer sees the whole order, an attendee with their own
// link sees their ticket, and a place waiting for its payment offers "Pay now".
import { describe, expect, it } from 'vitest';
import { Browser, lastMessageTo, person, postJson } from '../testing/fixtures.ts';
import { stripeDoes } from '../testing/paid-fixtures.ts';
import { deliverWebhook } from '../testing/stripe-webhook.ts';

let n = 0;
type Bought = { registration: { id: number; manageUrl: string }; checkoutUrl: string; order: { id: string } };

async function buy(body: Record<string, unknown>) {
  const res = await postJson('/api/events/paid/registrations', body);
  expect(res.status, await res.clone().text()).toBe(201);
  const bought = await res.json<Bought>();
  const browser = new Browser();
  await browser.open(bought.registration.manageUrl);
  const page = async () => {
    const res = await browser.fetch(`/manage/${bought.registration.id}`);
    expect(res.status).toBe(200);
    return (await res.text()).replace(/\s+/g, ' ');
  };
  return { ...bought, browser, page, session: bought.checkoutUrl.split('/pay/')[1]! };
}

describe('the order summary on the manage page', () => {
  it('shows the buyer the whole order, with each attendee, prices, total, payment status and refunds', async () => {
    const who = person(`summary-${n++}`);
    const friend = `summary-friend-${n++}@example.org`;
    const order = await buy({
      ...who,
      ticketType: 'standard',
      solidarity: 1,
      attendees: [{ name: 'Ana Mail', email: friend }, { name: 'Bo Nomail' }],
    });
    const waiting = await order.page();
    expect(waiting).toContain('Your order');
    expect(waiting).toContain('Waiting for payment');
    expect(waiting).toMatch(/href="\/manage\/\d+\/pay"[^>]*>\s*Pay now/);
    expect(waiting).toContain('held for you until');

    await deliverWebhook(await stripeDoes(order.session, 'complete'));
    const paid = await order.page();
    for (const text of [who.name as string, 'Ana Mail', 'Bo Nomail', 'Standard', '€40.00', 'Solidarity', '€160.00'])
      expect(paid).toContain(text);
    expect(paid).toContain('Payment: <strong>Paid</strong>');
    expect(paid).not.toContain('Pay now');
    // Bo has no address: the buyer holds Bo's ticket and QR code.
    expect(paid).toContain('Tickets you hold for others');
    expect(paid).toContain('QR code of Bo Nomail');
    expect(paid).not.toContain('QR code of Ana Mail');

    await deliverWebhook(await stripeDoes(order.session, 'refund', '?amount=4000'));
    const refunded = await order.page();
    expect(refunded).toContain('Paid, partly refunded');
    expect(refunded).toMatch(/€40\.00 on [^<]+ \(by the organisers\)/);
  });

  it('shows an attendee with their own link their ticket and that it is paid, not the rest of the order', async () => {
    const friend = `summary-own-${n++}@example.org`;
    const order = await buy({
      ...person(`summary-${n++}`),
      ticketType: 'standard',
      attendees: [{ name: 'Cy Own', email: friend }, { name: 'Di Other' }],
    });
    await deliverWebhook(await stripeDoes(order.session, 'complete'));
    const { link } = lastMessageTo(friend);
    const browser = new Browser();
    const page = (await (await browser.open(link!)).text()).replace(/\s+/g, ' ');
    expect(page).toContain('Your ticket');
    expect(page).toContain('Standard, €40.00: paid by the person who booked it');
    expect(page).not.toContain('Di Other');
    expect(page).not.toContain('Your order');
  });

  it('leaves free registrations as they were: no order section', async () => {
    const res = await postJson('/api/events/paid-free-first/registrations', person(`summary-free-${n++}`));
    const { registration } = await res.json<Bought>();
    const browser = new Browser();
    const page = await (await browser.open(registration.manageUrl)).text();
    expect(page).not.toContain('Your order');
    expect(page).not.toContain('Pay now');
  });
});
