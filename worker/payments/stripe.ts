// The Stripe client as it runs in workerd: the official package with its fetch HTTP client and
// SubtleCrypto for webhook signatures (the Node defaults do not run here). STRIPE_API_BASE points
// it at the local fake in tests and development; deployed workers talk to api.stripe.com.
import Stripe from 'stripe';

export type StripeEnv = {
  STRIPE_SECRET_KEY?: string;
  STRIPE_WEBHOOK_SECRET?: string;
  /** Tests and local development only: e.g. http://127.0.0.1:12111, the fake (tests/support/fake-stripe.ts). */
  STRIPE_API_BASE?: string;
  /** "automatic": Stripe Tax adds the tax to each Checkout Session (set Stripe Tax up in the dashboard first). */
  STRIPE_TAX?: string;
};

export type { Stripe };

/** Whether payments can be taken: without a key, paid tickets answer a clear problem instead of a 500. */
export const paymentsConfigured = (env: StripeEnv) => Boolean(env.STRIPE_SECRET_KEY);

/** Whether Checkout Sessions ask Stripe Tax to compute the tax. */
export const taxAutomatic = (env: StripeEnv) => env.STRIPE_TAX === 'automatic';

export function stripeClient(env: StripeEnv): Stripe {
  const base = env.STRIPE_API_BASE ? new URL(env.STRIPE_API_BASE) : undefined;
  return new Stripe(env.STRIPE_SECRET_KEY ?? '', {
    httpClient: Stripe.createFetchHttpClient(),
    // One request per call: a retry here could outlive the request's budget, and every create that
    // matters carries an Idempotency-Key, so the caller retries safely instead.
    maxNetworkRetries: 0,
    timeout: 10_000,
    telemetry: false,
    ...(base
      ? {
          host: base.hostname,
          port: base.port || (base.protocol === 'https:' ? 443 : 80),
          protocol: base.protocol === 'https:' ? ('https' as const) : ('http' as const),
        }
      : {}),
  });
}

const crypto = Stripe.createSubtleCryptoProvider();

/** The event in a webhook body, or undefined when its signature does not check out. */
export async function verifiedEvent(env: StripeEnv, body: string, signature: string | undefined) {
  if (!env.STRIPE_WEBHOOK_SECRET || !signature) return undefined;
  try {
    return await stripeClient(env).webhooks.constructEventAsync(
      body,
      signature,
      env.STRIPE_WEBHOOK_SECRET,
      undefined,
      crypto,
    );
  } catch {
    return undefined;
  }
}
