// POST /api/stripe/webhook: Stripe's events, refused with 400 unless their signature checks out
// (nothing is read or changed before that), then handled by payments/webhook.ts.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../env.ts';
import { limitBody } from '../http/body.ts';
import { problemResponses, validationHook } from '../http/openapi.ts';
import { fail } from '../http/problems.ts';
import { verifiedEvent } from '../payments/stripe.ts';
import { handleStripeEvent } from '../payments/webhook.ts';
import { services } from './context.ts';

const route = createRoute({
  method: 'post',
  path: '/stripe/webhook',
  operationId: 'receiveStripeEvent',
  summary: "Stripe's webhook",
  description:
    'Called by Stripe, not by clients: checkout.session.completed, checkout.session.async_payment_succeeded, ' +
    'checkout.session.async_payment_failed, checkout.session.expired and charge.refunded. The signature is ' +
    'checked against STRIPE_WEBHOOK_SECRET over the exact bytes of the body; each event is acted on once, ' +
    'however often Stripe delivers it.',
  tags: ['Payments'],
  security: [],
  middleware: [limitBody(256 * 1024)] as const,
  request: {
    headers: z.object({
      'stripe-signature': z.string().max(2000).openapi({
        description: "Stripe's signature of the body (t=…,v1=…), made with the endpoint's signing secret",
      }),
    }),
    body: {
      required: true,
      // Described, not validated: the body's bytes are read as they came, since the signature covers them.
      content: { 'application/json': { schema: { type: 'object', description: 'A Stripe Event object' } } },
    },
  },
  responses: {
    200: {
      description: 'Received: acted on, or already handled, or of a kind this site does not use',
      content: {
        'application/json': {
          schema: z.object({ received: z.literal(true), outcome: z.string() }).openapi('StripeEventReceived'),
        },
      },
    },
    ...problemResponses(400, 413, 502),
  },
});

export const stripeWebhook = new OpenAPIHono<AppEnv>({ defaultHook: validationHook }).openapi(route, async (c) => {
  const body = await c.req.text();
  const event = await verifiedEvent(c.env, body, c.req.header('stripe-signature'));
  if (!event) return fail('signature_invalid', 'The Stripe-Signature header does not match this body and secret.');
  // Stripe retries any answer but a 2xx: a refund or a listing it could not make now is tried again
  // with the event, answered as the problem it is rather than as an internal error.
  const outcome = await handleStripeEvent(services(c), event).catch((error: Error) => error);
  if (outcome instanceof Error) {
    console.error(`stripe webhook ${event.id} (${event.type}) failed, Stripe will retry:`, outcome.message);
    return fail('payment_failed', 'This event could not be handled just now; Stripe will deliver it again.');
  }
  return c.json({ received: true as const, outcome }, 200);
});
