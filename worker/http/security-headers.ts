// Security headers on every response the worker makes, including static files it passes through:
// the policy of model/http-policy.ts, HSTS over https, and no referrer on private pages.
import type { MiddlewareHandler } from 'hono';
import { HSTS, STRIPE_CHECKOUT, securityHeaders } from '../../model/http-policy.ts';
import type { AppEnv } from '../env.ts';

/** Stripe Checkout's origin when payments are set up (the local fake's in development and tests). */
const checkoutOrigin = (env: AppEnv['Bindings']) =>
  !env.STRIPE_SECRET_KEY ? undefined : env.STRIPE_API_BASE ? new URL(env.STRIPE_API_BASE).origin : STRIPE_CHECKOUT;

export function secureHeaders(): MiddlewareHandler<AppEnv> {
  return async function setSecurityHeaders(c, next) {
    await next();
    const policy = securityHeaders({ turnstile: Boolean(c.env.TURNSTILE_SECRET_KEY), checkout: checkoutOrigin(c.env) });
    let res = c.res;
    // Responses from fetch (static files) have immutable headers; copy them once.
    try {
      res.headers.set('x-content-type-options', 'nosniff');
    } catch {
      res = new Response(res.body, res);
      c.res = res;
    }
    for (const [name, value] of Object.entries(policy)) if (!res.headers.has(name)) res.headers.set(name, value);
    if (new URL(c.req.url).protocol === 'https:') res.headers.set('strict-transport-security', HSTS);
  };
}

/** Pages and feeds with personal data: never cached by others, never indexed, never sent as a referrer. */
export function privateHeaders(c: { header: (name: string, value: string) => void }) {
  c.header('cache-control', 'private, no-store');
  c.header('referrer-policy', 'no-referrer');
  c.header('x-robots-tag', 'noindex');
}
