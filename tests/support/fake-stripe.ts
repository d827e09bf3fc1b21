// A small local fake of the Stripe endpoints Gathering uses, so tests run the real `stripe` package
// without the internet: Checkout Sessions (create, retrieve, expire) and refunds (create, with
// Idempotency-Key honoured, and list). Tests drive what a buyer would do through /_test/… and get back the webhook Stripe
// would send, signed with the package's own generateTestHeaderStringAsync, so signature checking
// is tested for real. /pay/{session} is a tiny checkout page for browser tests: its Pay button
// completes the session, delivers the signed webhook to the site that made the session, and
// redirects to the success URL.
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import Stripe from 'stripe';

export const FAKE_STRIPE_SECRET_KEY = 'sk_test_gathering_fake';
export const FAKE_STRIPE_WEBHOOK_SECRET = 'whsec_gathering_fake';

type Obj = Record<string, unknown>;
type Session = Obj & { id: string; status: string; payment_status: string; line_items: Obj[] };
type Refund = Obj & { id: string; amount: number; payment_intent: string };

const newId = (prefix: string) => `${prefix}_${randomBytes(12).toString('hex')}`;
const signer = new Stripe(FAKE_STRIPE_SECRET_KEY);

/** Stripe's form encoding (line_items[0][price_data][currency]=cad) back to nested objects and arrays. */
export function parseStripeForm(body: string): Obj {
  const root: Obj = {};
  for (const [key, value] of new URLSearchParams(body)) {
    const path = key.split(/\[|\]\[|\]/).filter((p) => p !== '');
    let node: Obj | unknown[] = root;
    path.forEach((part, i) => {
      const last = i === path.length - 1;
      const container = node as Obj;
      if (last) container[part] = value;
      else {
        container[part] ??= /^\d+$/.test(path[i + 1]!) ? [] : {};
        node = container[part] as Obj;
      }
    });
  }
  return root;
}

const int = (v: unknown) => Number.parseInt(String(v ?? '0'), 10);

export type FakeStripe = {
  url: string;
  server: Server;
  sessions: Map<string, Session>;
  refunds: Map<string, Refund>;
  stop: () => Promise<void>;
};

export type SignedEvent = { event: Obj; body: string; signature: string };

/** Starts the fake; `checkExpiry: false` skips Stripe's expiry window (for a worker on another clock). */
export async function startFakeStripe(port = 0, options: { checkExpiry?: boolean } = {}): Promise<FakeStripe> {
  const nowSeconds = () => Math.floor(Date.now() / 1000);
  const sessions = new Map<string, Session>();
  const refunds = new Map<string, Refund>();
  const byIdempotencyKey = new Map<string, Refund>();
  const sessionsByKey = new Map<string, Session>();
  let url = '';

  const stripeError = (res: ServerResponse, status: number, message: string, code?: string) =>
    send(res, status, { error: { type: 'invalid_request_error', message, ...(code ? { code } : {}) } });

  async function signed(type: string, object: Obj): Promise<SignedEvent> {
    const event = {
      id: newId('evt'),
      object: 'event',
      type,
      api_version: '2025-11-17.clover',
      created: nowSeconds(),
      livemode: false,
      data: { object },
    };
    const body = JSON.stringify(event);
    const signature = await signer.webhooks.generateTestHeaderStringAsync({
      payload: body,
      secret: FAKE_STRIPE_WEBHOOK_SECRET,
    });
    return { event, body, signature };
  }

  const refundedOf = (paymentIntent: string) =>
    [...refunds.values()].filter((r) => r.payment_intent === paymentIntent).reduce((n, r) => n + r.amount, 0);

  function createSession(params: Obj): Session {
    const items = (params.line_items as Obj[] | undefined) ?? [];
    const lineItems = items.map((item) => {
      const data = item.price_data as Obj;
      const quantity = int(item.quantity ?? 1);
      const unit = int(data.unit_amount);
      return {
        id: newId('li'),
        object: 'item',
        description: (data.product_data as Obj).name,
        quantity,
        currency: data.currency,
        amount_subtotal: unit * quantity,
        amount_total: unit * quantity,
        price: { unit_amount: unit, currency: data.currency },
      };
    });
    const subtotal = lineItems.reduce((n, li) => n + li.amount_total, 0);
    // Stripe Tax, as an account with a 13% sales tax added on top of the prices would compute it.
    const automaticTax = (params.automatic_tax as Obj | undefined)?.enabled === 'true';
    const tax = automaticTax ? Math.round(subtotal * 0.13) : 0;
    const total = subtotal + tax;
    const now = nowSeconds();
    const expiresAt = int(params.expires_at) || now + 86_400;
    // Stripe's own rule, which the worker must meet: 30 minutes to 24 hours from now.
    if (
      options.checkExpiry !== false &&
      params.expires_at &&
      (expiresAt < now + 1800 - 120 || expiresAt > now + 86_400 + 120)
    )
      throw Object.assign(new Error('expires_at must be 30 minutes to 24 hours in the future'), { status: 400 });
    const id = newId('cs_test');
    const session: Session = {
      id,
      object: 'checkout.session',
      mode: params.mode ?? 'payment',
      status: 'open',
      payment_status: 'unpaid',
      client_reference_id: params.client_reference_id ?? null,
      customer_email: params.customer_email ?? null,
      metadata: (params.metadata as Obj | undefined) ?? {},
      currency: (lineItems[0]?.currency as string | undefined) ?? null,
      amount_subtotal: subtotal,
      amount_total: total,
      automatic_tax: { enabled: automaticTax, status: automaticTax ? 'complete' : null },
      total_details: { amount_discount: 0, amount_shipping: 0, amount_tax: tax },
      expires_at: expiresAt,
      success_url: params.success_url,
      cancel_url: params.cancel_url ?? null,
      payment_intent: null,
      url: `${url}/pay/${id}`,
      line_items: lineItems,
      livemode: false,
    };
    sessions.set(id, session);
    return session;
  }

  /** The session as the API returns it: without the line items, which Stripe lists apart. */
  const view = (s: Session) => {
    const { line_items: _items, ...rest } = s;
    return { ...rest, url: s.status === 'open' ? s.url : null };
  };

  function complete(s: Session, paymentStatus: string) {
    s.status = 'complete';
    s.payment_status = paymentStatus;
    s.payment_intent ??= newId('pi');
  }

  async function control(path: string, query: URLSearchParams): Promise<SignedEvent | undefined> {
    const [, , kind, id, action] = path.split('/');
    if (kind === 'sessions') {
      const s = sessions.get(id!);
      if (!s) return undefined;
      if (action === 'complete') {
        complete(s, query.get('payment_status') ?? 'paid');
        return signed('checkout.session.completed', view(s));
      }
      if (action === 'async-succeeded') {
        s.payment_status = 'paid';
        return signed('checkout.session.async_payment_succeeded', view(s));
      }
      if (action === 'expire') {
        s.status = 'expired';
        return signed('checkout.session.expired', view(s));
      }
      if (action === 'refund') {
        // A refund made in Stripe's dashboard: the charge.refunded event the worker records.
        const pi = s.payment_intent as string;
        const amount = int(query.get('amount') ?? s.amount_total);
        const refund: Refund = { id: newId('re'), object: 'refund', amount, payment_intent: pi, status: 'succeeded' };
        refunds.set(refund.id, refund);
        // Since API version 2022-11-15 a Charge no longer carries its refunds: the worker lists them.
        return signed('charge.refunded', {
          id: newId('ch'),
          object: 'charge',
          payment_intent: pi,
          amount: s.amount_total,
          amount_refunded: refundedOf(pi),
          currency: s.currency,
          refunded: refundedOf(pi) >= (s.amount_total as number),
        });
      }
    }
    return undefined;
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const requestUrl = new URL(req.url ?? '/', url);
    const path = requestUrl.pathname;
    const body = await readAll(req);
    // Tests ask which sessions an order has (payment links must never leave two open).
    const listed = path.match(/^\/_test\/orders\/([^/]+)\/sessions$/);
    if (listed)
      return send(res, 200, [...sessions.values()].filter((s) => s.client_reference_id === listed[1]).map(view));
    if (path.startsWith('/_test/')) {
      const result = await control(path, requestUrl.searchParams);
      return result ? send(res, 200, result) : send(res, 404, { error: 'no such session' });
    }
    if (path.startsWith('/pay/')) return payPage(req, res, path.slice(5));
    if (!req.headers.authorization?.startsWith('Bearer sk_'))
      return send(res, 401, { error: { type: 'invalid_request_error', message: 'Invalid API Key provided' } });
    const params = parseStripeForm(body);
    if (req.method === 'POST' && path === '/v1/checkout/sessions') {
      // Stripe's Idempotency-Key: the same key makes the same session.
      const key = req.headers['idempotency-key'] as string | undefined;
      const made = key && sessionsByKey.get(key);
      if (made) return send(res, 200, view(made));
      try {
        const session = createSession(params);
        if (key) sessionsByKey.set(key, session);
        return send(res, 200, view(session));
      } catch (error) {
        return stripeError(res, 400, (error as Error).message);
      }
    }
    const m = path.match(/^\/v1\/checkout\/sessions\/([^/]+)(\/expire|\/line_items)?$/);
    if (m) {
      const s = sessions.get(m[1]!);
      if (!s) return stripeError(res, 404, `No such checkout.session: '${m[1]}'`, 'resource_missing');
      if (m[2] === '/expire' && req.method === 'POST') {
        if (s.status !== 'open') return stripeError(res, 400, 'Only open sessions can be expired.');
        s.status = 'expired';
      }
      if (m[2] === '/line_items') return send(res, 200, { object: 'list', data: s.line_items, has_more: false });
      return send(res, 200, view(s));
    }
    if (req.method === 'GET' && path === '/v1/refunds') {
      const pi = requestUrl.searchParams.get('payment_intent');
      const data = [...refunds.values()].filter((r) => !pi || r.payment_intent === pi).reverse();
      return send(res, 200, { object: 'list', url: '/v1/refunds', has_more: false, data });
    }
    if (req.method === 'POST' && path === '/v1/refunds') {
      const key = req.headers['idempotency-key'] as string | undefined;
      const again = key && byIdempotencyKey.get(key);
      if (again) return send(res, 200, again);
      const pi = params.payment_intent as string;
      const paid = [...sessions.values()].find((s) => s.payment_intent === pi);
      if (!paid) return stripeError(res, 404, `No such payment_intent: '${pi}'`, 'resource_missing');
      const left = (paid.amount_total as number) - refundedOf(pi);
      const amount = params.amount === undefined ? left : int(params.amount);
      if (amount <= 0 || amount > left)
        return stripeError(res, 400, `Refund amount (${amount}) is greater than unrefunded amount (${left}).`);
      const refund: Refund = {
        id: newId('re'),
        object: 'refund',
        amount,
        currency: paid.currency,
        payment_intent: pi,
        reason: params.reason ?? null,
        metadata: params.metadata ?? {},
        status: 'succeeded',
      };
      refunds.set(refund.id, refund);
      if (key) byIdempotencyKey.set(key, refund);
      return send(res, 200, refund);
    }
    return stripeError(res, 404, `Unrecognized request URL (${req.method}: ${path}).`);
  }

  /** The buyer's side: GET shows the order and a Pay button; POST pays, delivers the webhook, redirects. */
  async function payPage(req: IncomingMessage, res: ServerResponse, id: string) {
    const s = sessions.get(id);
    if (!s) return send(res, 404, { error: 'no such session' });
    if (req.method === 'POST' && s.status === 'open') {
      complete(s, 'paid');
      const { body, signature } = await signed('checkout.session.completed', view(s));
      const site = new URL(String(s.success_url)).origin;
      await fetch(`${site}/api/stripe/webhook`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'stripe-signature': signature },
        body,
      });
    }
    if (req.method === 'POST' || s.status !== 'open') {
      const to = String(s.success_url).replace('{CHECKOUT_SESSION_ID}', s.id);
      res.writeHead(303, { location: to }).end();
      return;
    }
    const items = s.line_items
      .map((li) => `<li>${escapeHtml(String(li.description))} × ${li.quantity}: ${li.amount_total}</li>`)
      .join('');
    res
      .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
      .end(
        `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Fake Stripe Checkout</title></head>` +
          `<body><main><h1>Fake Stripe Checkout</h1><ul>${items}</ul>` +
          `<p>Total: ${s.amount_total} ${escapeHtml(String(s.currency))}</p>` +
          `<form method="post"><button type="submit">Pay</button></form>` +
          (s.cancel_url ? `<p><a href="${escapeHtml(String(s.cancel_url))}">Back</a></p>` : '') +
          `</main></body></html>`,
      );
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error) => send(res, 500, { error: { message: String(error) } }));
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  return {
    url,
    server,
    sessions,
    refunds,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function send(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

async function readAll(req: IncomingMessage): Promise<string> {
  let text = '';
  for await (const chunk of req) text += chunk;
  return text;
}
