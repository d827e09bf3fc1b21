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
/** The RFC 8058 body is 26 bytes; anything much larger is not it, and is not read further. */
const MAX_BODY = 512;

/** A copy of the request's body, up to `max` bytes; undefined when it is longer. */
async function smallBody(request: Request, max: number): Promise<Uint8Array<ArrayBuffer> | undefined> {
  const declared = request.headers.get('content-length');
  if (declared !== null && !(Number(declared) <= max)) return undefined;
  const reader = request.clone().body?.getReader();
  const body = new Uint8Array(max);
  let size = 0;
  for (;;) {
    const chunk = reader ? await reader.read() : { done: true as const, value: undefined };
    if (chunk.done) return body.slice(0, size);
    if (size + chunk.value.byteLength > max) {
      await reader!.cancel();
      return undefined;
    }
    body.set(chunk.value, size);
    size += chunk.value.byteLength;
  }
}

export async function isOneClickUnsubscribe(c: Context<AppEnv>): Promise<boolean> {
  if (c.req.method !== 'POST' || !ONE_CLICK_PATH.test(new URL(c.req.url).pathname)) return false;
  const type = c.req.header('content-type') ?? '';
  const base = type.split(';')[0]!.trim().toLowerCase();
  if (base !== 'application/x-www-form-urlencoded' && base !== 'multipart/form-data') return false;
  const body = await smallBody(c.req.raw, MAX_BODY);
  if (!body) return false;
  let fields: [string, FormDataEntryValue][];
  try {
    fields = [...(await new Response(body, { headers: { 'content-type': type } }).formData())];
  } catch {
    return false;
  }
  return fields.length === 1 && fields[0]![0] === 'List-Unsubscribe' && fields[0]![1] === 'One-Click';
}
