// A second defence for the console's forms, beside the Origin check every write gets
// (http/same-origin.ts): each state-changing request carries a token derived from the browser's
// session secret, which a page on another site can neither read nor guess.
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import type { AppEnv } from '../env.ts';
import { ProblemError } from '../http/problems.ts';
import { hashSecret, sameHash } from './secrets.ts';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);
/** The form field and the header (for scripts on the console's pages) that carry the token. */
export const CSRF_FIELD = 'csrf';
export const CSRF_HEADER = 'x-csrf-token';

/** The token for this browser's session; empty without a session (nothing to protect yet). */
export async function csrfToken(c: Context<AppEnv>): Promise<string> {
  const secret = getCookie(c, 'gathering', 'host');
  return secret ? (await hashSecret(`csrf:${secret}`)).slice(0, 43) : '';
}

const refused = () =>
  new ProblemError({
    code: 'cross_site_request',
    message: 'This form has expired or did not come from the console. Reload the page and try again.',
  });

/** Refuses a state-changing request without the session's token (form field or header). */
export function csrfProtection(): MiddlewareHandler<AppEnv> {
  return async function checkCsrfToken(c, next) {
    if (SAFE.has(c.req.method)) return next();
    const expected = await csrfToken(c);
    let sent = c.req.header(CSRF_HEADER);
    if (sent === undefined) {
      const type = (c.req.header('content-type') ?? '').toLowerCase();
      if (type.startsWith('application/x-www-form-urlencoded') || type.startsWith('multipart/form-data')) {
        // formData() is cached by Hono, so the route reads the same body after this.
        const field = (await c.req.formData().catch(() => undefined))?.get(CSRF_FIELD);
        sent = typeof field === 'string' ? field : undefined;
      }
    }
    if (!expected || !sent || !sameHash(expected, sent)) throw refused();
    await next();
  };
}
