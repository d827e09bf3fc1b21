// Cross-site request forgery: a state-changing request that a browser could send from another
// site (an HTML form, or anything carrying our cookie) must show it comes from this site. Browsers
// send Origin or Sec-Fetch-Site with every such request, so a request with neither is refused too.
// JSON from scripts without cookies (the API) is not affected.
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../env.ts';
import { isOneClickUnsubscribe } from './one-click.ts';
import { ProblemError } from './problems.ts';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);
// The content types a page on another site may post without asking first (CORS "simple" requests).
const SIMPLE_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'];

export function isSameSite(request: { url: string; header: (name: string) => string | undefined }): boolean {
  const origin = request.header('origin');
  // Pages sent with "Referrer-Policy: no-referrer" (the private ones) make browsers send Origin:
  // null; Sec-Fetch-Site still tells where the request came from.
  if (origin !== undefined && origin !== 'null') return origin === new URL(request.url).origin;
  const site = request.header('sec-fetch-site');
  if (site !== undefined) return site === 'same-origin' || site === 'none';
  return false;
}

export function sameOriginWrites(): MiddlewareHandler<AppEnv> {
  return async function refuseCrossSiteWrites(c, next) {
    if (SAFE.has(c.req.method)) return next();
    const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
    const browserish = SIMPLE_TYPES.includes(type) || c.req.header('cookie') !== undefined;
    const crossSite = browserish && !isSameSite({ url: c.req.url, header: (n) => c.req.header(n) });
    if (crossSite && !(await isOneClickUnsubscribe(c))) {
      throw new ProblemError({
        code: 'cross_site_request',
        message:
          'This request came from another site, or without saying where it came from, so it was refused. ' +
          'Use the form on this site.',
      });
    }
    await next();
  };
}
