// POST /api/stripe/webhook: Stripe's events, refused with 400 unless their signature checks out
// (nothing is read or changed before that), then handled by payments/webhook.ts.
import { Hono } from 'hono';
import type { AppEnv } from '../env.ts';
import { limitBody } from '../http/body.ts';
import { fail } from '../http/problems.ts';
import { verifiedEvent } from '../payments/stripe.ts';
import { handleStripeEvent } from '../payments/webhook.ts';
import { services } from './context.ts';

export const stripeWebhook = new Hono<AppEnv>().post('/stripe/webhook', limitBody(256 * 1024), async (c) => {
  const body = await c.req.text();
  const event = await verifiedEvent(c.env, body, c.req.header('stripe-signature'));
  if (!event) return fail('signature_invalid', 'The Stripe-Signature header does not match this body and secret.');
  const outcome = await handleStripeEvent(services(c), event);
  return c.json({ received: true, outcome }, 200);
});
