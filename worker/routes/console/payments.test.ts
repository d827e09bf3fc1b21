// The organisers' side of paid tickets, through the console as organisers use it: orders and
// refunds (through the real `stripe` package against the fake), vouchers, solidarity tickets,
// the overview's ticket figures and the export's order columns, each under the access table.
import { beforeAll, describe, expect, it } from 'vitest';
import { type Action, accessTable, type OrganiserRole, organiserRoles } from '../../access/rules.ts';
import { voucherCodeHash } from '../../payments/checkout.ts';
import { type Browser, consolePost, organiserBrowser, rows } from '../../testing/fixtures.ts';
import { paidOrder } from '../../testing/refund-fixtures.ts';

type OrganiserBrowser = Awaited<ReturnType<typeof organiserBrowser>>;
const EVENT = 'refund-console';
const base = `/console/events/${EVENT}`;
let owner: OrganiserBrowser;

beforeAll(async () => {
  owner = await organiserBrowser('pay-owner@example.org', 'owner');
});

const html = (b: Browser, path: string) => b.fetch(path, { headers: { accept: 'text/html' } });
const orderRow = async (id: string) =>
  (
    await rows<{ amount_refunded: number; amount_total: number }>(
      'SELECT amount_refunded, amount_total FROM orders WHERE id = ?',
      id,
    )
  )[0]!;
const refundsOf = (id: string) =>
  rows<{ amount: number; reason: string; by: string }>('SELECT amount, reason, by FROM refunds WHERE order_id = ?', id);

describe('console payment routes by organiser role', () => {
  const routes: [string, string, Action][] = [
    ['GET', `${base}/orders`, 'payments.read'],
    ['GET', `${base}/orders/ord_none`, 'payments.read'],
    ['POST', `${base}/orders/ord_none/refund`, 'payments.refund'],
    ['GET', `${base}/vouchers`, 'vouchers.manage'],
    ['POST', `${base}/vouchers`, 'vouchers.manage'],
    ['POST', `${base}/vouchers/999999/disable`, 'vouchers.manage'],
    ['POST', `${base}/registrations/999999/solidarity`, 'registrations.decide'],
  ];
  const browsers = {} as Record<OrganiserRole | 'scoped', OrganiserBrowser>;
  beforeAll(async () => {
    for (const role of organiserRoles) browsers[role] = await organiserBrowser(`pay-${role}@example.org`, role);
    browsers.scoped = await organiserBrowser('pay-elsewhere@example.org', 'owner', ['open-event']);
  });
  const cases = routes.flatMap(([method, path, action]) =>
    [...organiserRoles, 'scoped' as const].map((role) => [role, method, path, action] as const),
  );
  it.each(cases)('%s: %s %s', async (role, method, path, action) => {
    const b = browsers[role];
    const res = method === 'GET' ? await html(b, path) : await consolePost(b, path);
    const allowed = role !== 'scoped' && (accessTable[action] as readonly string[]).includes(role);
    if (allowed) expect(res.status, await res.clone().text()).not.toBe(403);
    else expect(res.status).toBe(403);
  });
});

describe('GET /console/events/{id}/orders', () => {
  it('lists orders newest first, filtered by payment state and searched by buyer', async () => {
    const a = await paidOrder(EVENT, [{ ticketType: 'standard', priceMinor: 5000 }], {
      email: 'ada.orders@example.org',
    });
    const b = await paidOrder(EVENT, [{ ticketType: 'supporter', priceMinor: 8000 }]);
    await consolePost(owner, `${base}/orders/${b.orderId}/refund`, [
      ['amount', '10'],
      ['note', 'Parking refunded'],
    ]);
    const all = await (await html(owner, `${base}/orders`)).text();
    expect(all).toContain(a.orderId);
    expect(all.indexOf(b.orderId)).toBeLessThan(all.indexOf(a.orderId));
    const partly = await (await html(owner, `${base}/orders?status=partly-refunded`)).text();
    expect(partly).toContain(b.orderId);
    expect(partly).not.toContain(a.orderId);
    expect(partly).toContain('€10.00 refunded');
    const found = await (await html(owner, `${base}/orders?q=ADA.orders`)).text();
    expect(found).toContain(a.orderId);
    expect(found).not.toContain(b.orderId);
  });

  it('answers a bad filter with the page and the reason, never a 500', async () => {
    for (const q of ['status=nope', `q=${'x'.repeat(101)}`, 'page=0', 'page=abc']) {
      const res = await html(owner, `${base}/orders?${q}`);
      expect(res.status, q).toBe(400);
      expect(await res.text()).toContain('role="alert"');
    }
  });
});

describe('POST /console/events/{id}/orders/{order}/refund', () => {
  it('refunds part of an order, then the rest, each through Stripe, in the audit log and told to the buyer', async () => {
    const o = await paidOrder(EVENT, [
      { ticketType: 'standard', priceMinor: 5000 },
      { ticketType: 'standard', priceMinor: 5000 },
    ]);
    const page = await (await html(owner, `${base}/orders/${o.orderId}`)).text();
    expect(page).toContain('value="100.00"');
    expect(page).toContain('Guest');
    const part = await consolePost(owner, `${base}/orders/${o.orderId}/refund`, [
      ['amount', '25,50'],
      ['note', 'One day only'],
    ]);
    expect(part.status).toBe(303);
    expect((await orderRow(o.orderId)).amount_refunded).toBe(2550);
    const after = await (await owner.open(part.headers.get('location')!)).text();
    expect(after).toContain('Refunded; the buyer has been told.');
    expect(after).toContain('partly refunded');
    expect(after).toContain('value="74.50"');
    const rest = await consolePost(owner, `${base}/orders/${o.orderId}/refund`, [
      ['amount', '74.50'],
      ['note', 'Could not come'],
    ]);
    expect(rest.status).toBe(303);
    expect(await refundsOf(o.orderId)).toEqual([
      { amount: 2550, reason: 'organiser', by: 'pay-owner@example.org' },
      { amount: 7450, reason: 'organiser', by: 'pay-owner@example.org' },
    ]);
    // Nothing left: the form is gone, and a stale form's post is refused.
    expect(await (await html(owner, `${base}/orders/${o.orderId}`)).text()).not.toContain('refund-amount');
    const more = await consolePost(owner, `${base}/orders/${o.orderId}/refund`, [
      ['amount', '1'],
      ['note', 'Again'],
    ]);
    expect(more.status).toBe(409);
    const audit = await rows<{ actor: string; detail: string }>(
      "SELECT actor, detail FROM audit_log WHERE action = 'order.refund' AND detail LIKE ?",
      `%${o.orderId}%`,
    );
    expect(audit.map((a) => JSON.parse(a.detail).amount)).toEqual([2550, 7450]);
    // The organiser's reason is in the audit entry, not only in the buyer's message.
    expect(audit.map((a) => JSON.parse(a.detail).note)).toEqual(['One day only', 'Could not come']);
    const messages = await rows<{ params: string }>(
      "SELECT params FROM outbox WHERE kind = 'refunded' AND to_key = ? ORDER BY id",
      o.email,
    );
    expect(messages.map((m) => JSON.parse(m.params))).toEqual([
      { other: '€25.50', note: 'One day only' },
      { other: '€74.50', note: 'Could not come' },
    ]);
  });

  it('refuses more than what is left, and amounts or reasons that are not one, changing nothing', async () => {
    const o = await paidOrder(EVENT, [{ ticketType: 'standard', priceMinor: 5000 }]);
    const cases: [string, string, number, string][] = [
      ['50.01', 'Too much', 409, 'At most €50.00'],
      ['0', 'Zero', 400, 'above 0'],
      ['12.345', 'Three digits', 400, 'at most 2 digits'],
      ['-5', 'Negative', 400, 'above 0'],
      ['ten', 'Words', 400, 'above 0'],
      ['5', '', 400, 'Say why'],
      ['5', 'x'.repeat(501), 400, 'longer than 500'],
    ];
    for (const [amount, note, status, says] of cases) {
      const res = await consolePost(owner, `${base}/orders/${o.orderId}/refund`, [
        ['amount', amount],
        ['note', note],
      ]);
      expect(res.status, amount).toBe(status);
      expect(await res.text(), amount).toContain(says);
    }
    expect((await orderRow(o.orderId)).amount_refunded).toBe(0);
  });

  it('shows a refund still owed to someone who cancelled while Stripe was unreachable', async () => {
    const o = await paidOrder(EVENT, [{ ticketType: 'standard', priceMinor: 5000 }]);
    await rows(
      `INSERT INTO owed_refunds (order_id, event_id, registration_id, amount, currency, reason, created_at, attempts)
       VALUES (?, ?, ?, 5000, 'EUR', 'attendee_cancelled', ?, 3)`,
      o.orderId,
      EVENT,
      o.registrationIds[0],
      new Date().toISOString(),
    );
    const page = await (await html(owner, `${base}/orders/${o.orderId}`)).text();
    expect(page).toContain('Refunds still owed');
    expect(page).toMatch(/€50\.00 to Buyer [^,]+, owed since/);
  });

  it('refunds once when the button is clicked twice at the same moment', async () => {
    const o = await paidOrder(EVENT, [{ ticketType: 'standard', priceMinor: 5000 }]);
    const click = () =>
      consolePost(owner, `${base}/orders/${o.orderId}/refund`, [
        ['amount', '50.00'],
        ['note', 'Duplicate purchase'],
      ]);
    const answers = await Promise.all([click(), click(), click()]);
    expect(answers.some((r) => r.status === 303)).toBe(true);
    expect(await refundsOf(o.orderId)).toHaveLength(1);
    expect((await orderRow(o.orderId)).amount_refunded).toBe(5000);
  });

  it('refuses a post from another site, or without the session token, and other events’ orders', async () => {
    const o = await paidOrder(EVENT, [{ ticketType: 'standard', priceMinor: 5000 }]);
    const path = `${base}/orders/${o.orderId}/refund`;
    const body = [
      ['amount', '50'],
      ['note', 'x'],
    ] as [string, string][];
    const crossSite = await owner.fetch(path, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example' },
      body: new URLSearchParams([['csrf', owner.csrf], ...body]).toString(),
    });
    expect(crossSite.status).toBe(403);
    expect((await owner.postForm(path, body)).status).toBe(403);
    const elsewhere = await consolePost(owner, `/console/events/refund-full/orders/${o.orderId}/refund`, body);
    expect(elsewhere.status).toBe(404);
    expect(await refundsOf(o.orderId)).toHaveLength(0);
  });

  it('is refused to roles without payments.refund, which see no refund form', async () => {
    const viewer = await organiserBrowser('pay-viewer-refund@example.org', 'viewer');
    const o = await paidOrder(EVENT, [{ ticketType: 'standard', priceMinor: 5000 }]);
    const page = await (await html(viewer, `${base}/orders/${o.orderId}`)).text();
    expect(page).toContain(o.orderId);
    expect(page).not.toContain('refund-amount');
    const res = await consolePost(viewer, `${base}/orders/${o.orderId}/refund`, [
      ['amount', '50'],
      ['note', 'x'],
    ]);
    expect(res.status).toBe(403);
    expect(await refundsOf(o.orderId)).toHaveLength(0);
  });
});

describe('the vouchers page', () => {
  it('makes a voucher with a chosen code, shows the code once and keeps only its hash', async () => {
    const made = await consolePost(owner, `${base}/vouchers`, [
      ['code', 'friends-2027'],
      ['kind', 'percent'],
      ['percent', '20'],
      ['ticketType', 'standard'],
      ['maxUses', '5'],
      ['validUntil', '2099-01-01T12:00'],
    ]);
    expect(made.status).toBe(201);
    expect(await made.text()).toContain('value="FRIENDS-2027"');
    const [stored] = await rows<Record<string, unknown>>(
      "SELECT * FROM vouchers WHERE event_id = ? AND hint = '2027'",
      EVENT,
    );
    expect(stored).toMatchObject({ kind: 'percent', value: 20, ticket_type: 'standard', max_uses: 5, uses: 0 });
    expect(stored!.code_hash).toBe(await voucherCodeHash('FRIENDS-2027'));
    expect(JSON.stringify(stored)).not.toContain('FRIENDS');
    const list = await (await html(owner, `${base}/vouchers`)).text();
    expect(list).toContain('…2027');
    expect(list).toContain('20% off Standard');
    expect(list).toContain('0 of 5');
    expect(list).not.toContain('FRIENDS-2027');
    // The same code again, in any case, is refused.
    const again = await consolePost(owner, `${base}/vouchers`, [
      ['code', ' FRIENDS-2027'],
      ['kind', 'amount'],
      ['amount', '5'],
      ['maxUses', '1'],
    ]);
    expect(again.status).toBe(409);
    expect(await again.text()).toContain('has a voucher with that code already');
  });

  it('makes a random code to unlock a hidden type, and disables a voucher once', async () => {
    const made = await consolePost(owner, `${base}/vouchers`, [
      ['code', ''],
      ['kind', 'unlock'],
      ['ticketType', 'speaker'],
      ['maxUses', '30'],
    ]);
    expect(made.status).toBe(201);
    const code = (await made.text()).match(/id="new-voucher"[^>]*value="([^"]+)"/)?.[1] ?? '';
    expect(code).toMatch(/^[2-9A-HJKMNP-TV-Z]{4}-[2-9A-HJKMNP-TV-Z]{4}-[2-9A-HJKMNP-TV-Z]{4}$/);
    const [v] = await rows<{ id: number }>('SELECT id FROM vouchers WHERE code_hash = ?', await voucherCodeHash(code));
    expect((await html(owner, `${base}/vouchers`)).status).toBe(200);
    const off = await consolePost(owner, `${base}/vouchers/${v!.id}/disable`);
    expect(off.status).toBe(303);
    expect((await consolePost(owner, `${base}/vouchers/${v!.id}/disable`)).status).toBe(303);
    const audit = await rows(
      "SELECT 1 FROM audit_log WHERE action = 'voucher.disable' AND detail LIKE ?",
      `%:${v!.id}}`,
    );
    expect(audit).toHaveLength(1);
    expect(await (await html(owner, `${base}/vouchers`)).text()).toContain('disabled');
  });

  it('says what is wrong with each field, never a 500', async () => {
    const cases: [string, [string, string][], string][] = [
      [
        'code',
        [
          ['code', 'a b'],
          ['kind', 'percent'],
          ['percent', '10'],
        ],
        '8 to 32 letters',
      ],
      [
        // Short codes are guessed too easily, even with the registration rate limit.
        'code',
        [
          ['code', 'SPRING7'],
          ['kind', 'percent'],
          ['percent', '10'],
        ],
        '8 to 32 letters',
      ],
      [
        'percent',
        [
          ['kind', 'percent'],
          ['percent', '101'],
        ],
        '1 to 100 percent',
      ],
      [
        'amount',
        [
          ['kind', 'amount'],
          ['amount', '1.234'],
        ],
        'at most 2 digits',
      ],
      [
        'unlock',
        [
          ['kind', 'unlock'],
          ['ticketType', 'standard'],
        ],
        'choose a hidden type',
      ],
      [
        'type',
        [
          ['kind', 'percent'],
          ['percent', '5'],
          ['ticketType', 'nope'],
        ],
        'ticket types',
      ],
      [
        'uses',
        [
          ['kind', 'percent'],
          ['percent', '5'],
          ['maxUses', '0'],
        ],
        '1 to 10,000',
      ],
      [
        'past',
        [
          ['kind', 'percent'],
          ['percent', '5'],
          ['validUntil', '2001-01-01T00:00'],
        ],
        'has passed',
      ],
      ['kind', [['kind', 'free-beer']], 'Choose what the voucher gives'],
    ];
    for (const [name, fields, says] of cases) {
      const res = await consolePost(owner, `${base}/vouchers`, fields);
      expect(res.status, name).toBe(400);
      expect(await res.text(), name).toContain(says);
    }
  });
});

describe('solidarity tickets', () => {
  const camp = '/console/events/solidarity-camp';
  const apply = async (n: string) => {
    const [row] = await rows<{ id: number }>(
      `INSERT INTO registrations (event_id, name, email, email_key, status, answers, ticket_code, manage_token_hash,
        consent_at, created_at, updated_at) VALUES ('solidarity-camp', ?1, ?2, ?2, 'pending', '{}', ?3, ?3, ?4, ?4, ?4)
       RETURNING id`,
      `Applicant ${n}`,
      `applicant-${n}@example.org`,
      `SOL${n}X${Date.now() % 1e6}`,
      new Date().toISOString(),
    );
    return row!.id;
  };

  it('are given to applicants by approving with one: a place is taken only then, once per ticket', async () => {
    const [a, b, c] = [await apply('a'), await apply('b'), await apply('c')];
    const page = await (await html(owner, `${camp}/registrations/${a}`)).text();
    expect(page).not.toContain('Approve with a solidarity ticket');
    await paidOrder('solidarity-camp', [], { solidarity: 1 });
    expect(await (await html(owner, `${camp}/registrations/${a}`)).text()).toContain(
      'Approve with a solidarity ticket (1 available)',
    );
    // Two organisers give the one ticket to two people at once: one gets it.
    const [first, second] = await Promise.all([
      consolePost(owner, `${camp}/registrations/${a}/solidarity`, [['message', 'Welcome!']]),
      consolePost(owner, `${camp}/registrations/${b}/solidarity`, []),
    ]);
    expect([first.status, second.status].sort()).toEqual([303, 409]);
    const given = await rows<{ status: string; ticket_type: string; price_minor: number }>(
      'SELECT status, ticket_type, price_minor FROM registrations WHERE id IN (?, ?) ORDER BY status',
      a,
      b,
    );
    expect(given).toEqual([
      { status: 'confirmed', ticket_type: 'solidarity', price_minor: 0 },
      { status: 'pending', ticket_type: null, price_minor: null },
    ]);
    expect(
      await rows("SELECT 1 FROM solidarity_tickets WHERE event_id = 'solidarity-camp' AND status = 'given'"),
    ).toHaveLength(1);
    const refused = await consolePost(owner, `${camp}/registrations/${c}/solidarity`, []);
    expect(refused.status).toBe(409);
    expect(await refused.text()).toContain('No solidarity ticket is available');
    const told = await rows("SELECT 1 FROM outbox WHERE kind = 'accepted' AND registration_id IN (?, ?)", a, b);
    expect(told).toHaveLength(1);
  });

  it('never takes a place the event does not have', async () => {
    await paidOrder('solidarity-camp', [], { solidarity: 3 });
    const ids = [await apply('d'), await apply('e'), await apply('f')];
    for (const id of ids) await consolePost(owner, `${camp}/registrations/${id}/solidarity`, []);
    const [{ n }] = (await rows<{ n: number }>(
      "SELECT count(*) AS n FROM registrations WHERE event_id = 'solidarity-camp' AND status = 'confirmed'",
    )) as [{ n: number }];
    expect(n).toBe(2);
  });
});

describe('the overview and the export of a paid event', () => {
  it('counts tickets per type and charts sales per type and day, with a table', async () => {
    await paidOrder(EVENT, [{ ticketType: 'supporter', priceMinor: 8000 }]);
    const page = await (await html(owner, `${base}/`)).text();
    expect(page).toContain('<h2 id="tickets-heading">Tickets</h2>');
    expect(page).toMatch(/<th scope="row">Supporter<\/th><td>€80.00<\/td><td>[1-9]\d*<\/td>/);
    expect(page).toContain('<h2 id="sales-heading">Sales</h2>');
    expect(page).toMatch(/tickets? sold (on|in the)/);
    expect(page).toContain(`href="${base}/orders"`);
    expect(page).toContain(`href="${base}/vouchers"`);
    // A free event shows none of it.
    const free = await (await html(owner, '/console/events/crowded/')).text();
    expect(free).not.toContain('tickets-heading');
    expect(free).not.toContain('/orders"');
  });

  it('exports each registration’s order, ticket type, price paid, currency, payment state and refunds', async () => {
    const o = await paidOrder(EVENT, [{ ticketType: 'standard', priceMinor: 5000 }]);
    await consolePost(owner, `${base}/orders/${o.orderId}/refund`, [
      ['amount', '5'],
      ['note', 'x'],
    ]);
    const csv = await (await owner.fetch(`/api/admin/events/${EVENT}/registrations.csv`)).text();
    const header = csv.split('\r\n')[0]!;
    expect(header).toContain('"Order","Ticket type","Price paid","Currency","Payment status","Refunded (order)"');
    const line = csv.split('\r\n').find((l) => l.includes(o.orderId))!;
    expect(line).toContain(`"${o.orderId}","Standard","50.00","EUR","partly refunded","5.00"`);
    const json = await (await owner.fetch(`/api/admin/events/${EVENT}/registrations.json`)).json<{
      registrations: { payment: unknown; email: string }[];
    }>();
    expect(json.registrations.find((r) => r.email === o.email)!.payment).toEqual({
      orderId: o.orderId,
      ticketType: 'Standard',
      pricePaid: '50.00',
      currency: 'EUR',
      paymentStatus: 'partly-refunded',
      refunded: '5.00',
    });
    const free = await (await owner.fetch('/api/admin/events/crowded/registrations.csv')).text();
    expect(free.split('\r\n')[0]).not.toContain('Payment status');
  });
});
