// Cloudflare's cache in front of public answers that many clients ask for (feeds that calendar apps
// poll, availability that every event page shows): a hit costs no CPU beyond the lookup and no D1
// read. Keys carry a fingerprint of everything the answer depends on, so new content is a new key
// rather than a stale hit. The Cache API works on a custom domain only; on workers.dev every lookup
// misses and every answer is built (see the README).
import type { Context } from 'hono';
import type { AppEnv } from '../env.ts';

const edge = (): Cache | undefined => (globalThis as { caches?: { default?: Cache } }).caches?.default;

/** The cache key of this request's path for a given fingerprint. */
export const edgeKey = (c: Context<AppEnv>, fingerprint: string, path = new URL(c.req.url).pathname) =>
  new Request(`${new URL(c.req.url).origin}${path}?v=${encodeURIComponent(fingerprint)}`);

/**
 * The cached answer for this request and fingerprint, or a fresh one (kept for next time when it is
 * a 200 that the Cache-Control it carries lets shared caches keep). `x-gathering-cache` says which.
 */
export async function edgeCached<R extends Response>(
  c: Context<AppEnv>,
  fingerprint: string,
  make: () => R | Promise<R>,
): Promise<R> {
  const cache = c.req.method === 'GET' ? edge() : undefined;
  const key = edgeKey(c, fingerprint);
  const hit = cache && (await cache.match(key));
  if (hit) {
    const res = new Response(hit.body, hit);
    res.headers.set('x-gathering-cache', 'hit');
    // The same answer as when it was made, so the same typed response.
    return res as R;
  }
  const res = await make();
  if (cache && res.status === 200) c.executionCtx.waitUntil(cache.put(key, res.clone()).catch(() => undefined));
  res.headers.set('x-gathering-cache', 'miss');
  return res;
}

/** Drops a cached answer in this data centre, after a write that changed it. */
export function forgetCached(c: Context<AppEnv>, fingerprint: string, path: string) {
  const cache = edge();
  if (cache) c.executionCtx.waitUntil(cache.delete(edgeKey(c, fingerprint, path)).catch(() => undefined));
}

/** After places change: this data centre stops answering the event's old availability. */
export async function forgetAvailability(c: Context<AppEnv>, eventId: string) {
  forgetCached(c, (await c.var.content.site()).version, `/api/events/${eventId}/availability`);
}
