// Conditional GET for feeds: answers 304 from the ETag or Last-Modified alone, before anything is
// built, so polling calendar apps cost almost nothing.
import type { Context } from 'hono';

export type Cacheable = { etag: string; lastModified: string; cacheControl: string };

const httpDate = (iso: string) => new Date(iso).toUTCString();

function matches(ifNoneMatch: string, etag: string): boolean {
  const bare = (t: string) => t.trim().replace(/^W\//, '');
  return ifNoneMatch.split(',').some((t) => t.trim() === '*' || bare(t) === bare(etag));
}

/** The 304 response when the client's copy is current, otherwise undefined. */
export function notModified(c: Context, meta: Cacheable): Response | undefined {
  const headers = { etag: meta.etag, 'last-modified': httpDate(meta.lastModified), 'cache-control': meta.cacheControl };
  const ifNoneMatch = c.req.header('if-none-match');
  if (ifNoneMatch !== undefined)
    return matches(ifNoneMatch, meta.etag) ? new Response(null, { status: 304, headers }) : undefined;
  const since = Date.parse(c.req.header('if-modified-since') ?? '');
  // HTTP dates have whole seconds.
  if (!Number.isNaN(since) && Math.floor(new Date(meta.lastModified).getTime() / 1000) * 1000 <= since)
    return new Response(null, { status: 304, headers });
  return undefined;
}

export function calendarResponse(meta: Cacheable, body: string, filename: string): Response {
  return new Response(body, {
    status: 200,
    headers: {
      'content-type': 'text/calendar; charset=utf-8',
      'content-disposition': `inline; filename="${filename}"`,
      etag: meta.etag,
      'last-modified': httpDate(meta.lastModified),
      'cache-control': meta.cacheControl,
    },
  });
}

/** Any other public document served like the feeds (the schedule exports), with its own type. */
export function documentResponse(meta: Cacheable, body: string, contentType: string, filename: string): Response {
  return new Response(body, {
    status: 200,
    headers: {
      'content-type': contentType,
      'content-disposition': `inline; filename="${filename}"`,
      etag: meta.etag,
      'last-modified': httpDate(meta.lastModified),
      'cache-control': meta.cacheControl,
    },
  });
}
