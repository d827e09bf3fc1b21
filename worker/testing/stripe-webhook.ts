// Stripe as the worker meets it in tests: a signed webhook delivered to /api/stripe/webhook, and the
// session id in a Checkout URL of the fake (tests/support/fake-stripe.ts).
import { call } from './fixtures.ts';
import type { SignedEvent } from './paid-fixtures.ts';

export const deliverWebhook = (signed: Pick<SignedEvent, 'body' | 'signature'>) =>
  call('/api/stripe/webhook', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'stripe-signature': signed.signature },
    body: signed.body,
  });

/** The Checkout Session's id in the fake's checkout URL (…/pay/{id}). */
export const sessionOf = (url: string) => url.split('/pay/')[1]!;
