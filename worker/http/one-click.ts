// RFC 8058 one-click unsubscribe: a mail provider (Gmail, Apple Mail, …) posts
// `List-Unsubscribe=One-Click` to the link in an announcement's List-Unsubscribe header from its
// own servers, without Origin or Sec-Fetch-Site, so the cross-site check (same-origin.ts) must let
// exactly that request through. This is safe: the only authority the route uses is the unguessable
// token in its path, which only the recipient received; it ignores cookies (and SameSite=Lax keeps
// them off cross-site posts anyway); and all it can do is stop one address's announcements of one
// event, idempotently. A page on another site could do nothing with it that the token's holder
// could not do directly. Any other path, method or body still gets the usual check.
import type { Context } from 'hono';
import type { AppEnv } from '../env.ts';

export const ONE_CLICK_PATH = /^\/unsubscribe\/u_[1-9][0-9]{0,11}\.[A-Za-z0-9_-]{43}$/;
const FORM_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data'];

export async function isOneClickUnsubscribe(c: Context<AppEnv>): Promise<boolean> {
  if (c.req.method !== 'POST' || !ONE_CLICK_PATH.test(new URL(c.req.url).pathname)) return false;
  const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  // The body is read only when it is as small as the one RFC 8058 prescribes.
  const length = Number(c.req.header('content-length'));
  if (!FORM_TYPES.includes(type) || !(length > 0 && length <= 512)) return false;
  const body = await c.req.parseBody();
  return Object.keys(body).length === 1 && body['List-Unsubscribe'] === 'One-Click';
}
