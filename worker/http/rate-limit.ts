// Limits public writes per client (address, or /64 for IPv6) with the Workers rate-limit binding:
// 429 with Retry-After.
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../env.ts';
import { clientKey } from './client-address.ts';
import { ProblemError } from './problems.ts';

export function rateLimit(options: { retryAfterSeconds?: number } = {}): MiddlewareHandler<AppEnv> {
  const retryAfter = String(options.retryAfterSeconds ?? 60);
  return async function rateLimitByClient(c, next) {
    const limiter = c.env.REGISTRATION_LIMITER;
    if (limiter) {
      const { success } = await limiter.limit({ key: clientKey(c.req.header('cf-connecting-ip')) });
      if (!success) {
        throw new ProblemError({
          code: 'rate_limited',
          message: `Too many attempts from your address; try again in ${retryAfter} seconds.`,
          headers: { 'retry-after': retryAfter },
        });
      }
    }
    await next();
  };
}
