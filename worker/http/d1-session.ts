// D1's Sessions API: with read replication turned on, a request that only reads may be served by a
// replica near the user, and one that writes goes to the primary. A bookmark (the position of the
// last write someone saw) keeps read-your-own-writes: a browser gets it as a cookie, a script as the
// `x-d1-bookmark` header, and sends it back, so the person who just registered sees their place on
// the next page even from a replica. Without replication every query goes to the primary anyway.
import type { MiddlewareHandler } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { database } from '../db/client.ts';
import type { AppEnv } from '../env.ts';

const COOKIE = 'gathering-d1';
const HEADER = 'x-d1-bookmark';
// A bookmark is D1's own opaque text; anything else is ignored rather than handed to D1.
const BOOKMARK = /^[0-9a-z-]{8,200}$/i;
const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function d1Sessions(): MiddlewareHandler<AppEnv> {
  return async function withSession(c, next) {
    const sent = c.req.header(HEADER) ?? getCookie(c, COOKIE, 'host');
    const bookmark = sent && BOOKMARK.test(sent) ? sent : undefined;
    const writes = !READS.has(c.req.method);
    // A binding without sessions (an old runtime) is used as it is.
    const session =
      typeof c.env.DB?.withSession === 'function'
        ? c.env.DB.withSession(writes ? 'first-primary' : (bookmark ?? 'first-unconstrained'))
        : undefined;
    c.set('db', database(session ?? c.env.DB));
    await next();
    const latest = session?.getBookmark();
    // Only a write moves what this client must see next; reads keep public answers cacheable.
    if (writes && latest && latest !== bookmark) {
      c.res.headers.set(HEADER, latest);
      setCookie(c, COOKIE, latest, { prefix: 'host', httpOnly: true, sameSite: 'Lax', maxAge: 600 });
    }
  };
}
