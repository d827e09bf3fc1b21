// A session's page (/events/<event>/sessions/<session>/), rendered here from the one event's
// catalogue file and the processed photos of its speakers who have one: 50,000 static pages (5,000
// events of ten sessions) would break the deploy's file limit. Public and cacheable like the feeds:
// ETag/304, the edge cache, HEAD; an unknown event or session is a 404 page.
import { Hono } from 'hono';
import { hashText } from '../../model/catalogue.ts';
import { entryIdPattern } from '../../model/content.ts';
import { sessionSlug } from '../../model/session-groups.ts';
import { cardPath, eventCard } from '../../model/social-card.ts';
import type { ProcessedPhoto } from '../../ui/photo.tsx';
import { SessionNotFoundPage, SessionPage } from '../../ui/session-page.tsx';
import type { AppEnv } from '../env.ts';
import { notModified } from '../http/conditional.ts';
import { edgeCached } from '../http/edge-cache.ts';
import { PUBLIC } from './calendars.ts';

/** Bump when the page's markup changes, so browsers holding the old one fetch it again. */
const PAGE_FORMAT = 3;
const slugPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export const sessionPages = new Hono<AppEnv>()
  // The address without its slash, as people type it, goes to the page's one address. Only an
  // address that could be a page is sent on, rebuilt from its checked parts: the decoded path itself
  // would put whatever was asked for (CR LF, "<", "\\") into the Location header.
  .get('/events/:eventId/sessions/:session', async (c) => {
    const { eventId, session: slug } = c.req.param();
    if (!entryIdPattern.test(eventId) || !slugPattern.test(slug))
      return c.html(<SessionNotFoundPage event={await c.var.content.event(eventId)} />, 404);
    return c.redirect(`/events/${encodeURIComponent(eventId)}/sessions/${slug}/`, 301);
  })
  .get('/events/:eventId/sessions/:session/', async (c) => {
    const { eventId, session: slug } = c.req.param();
    const [site, event] = await Promise.all([c.var.content.site(), c.var.content.event(eventId)]);
    const session = slugPattern.test(slug) ? event?.sessions.find((s) => sessionSlug(s.id) === slug) : undefined;
    if (!event || !session) return c.html(<SessionNotFoundPage event={event} />, 404);
    const etag = `"${site.version}-${hashText(`session-page:${PAGE_FORMAT}:${session.id}`)}"`;
    const meta = { etag, lastModified: site.builtAt, cacheControl: PUBLIC };
    return (
      notModified(c, meta) ??
      edgeCached(c, etag, async () => {
        // Only speakers with a photo have a file to read: at most one read per speaker.
        const withPhoto = session.speakers.filter((p) => p.photo);
        const found = await Promise.all(withPhoto.map((p) => c.var.content.photo(p.id)));
        const photos = new Map<string, ProcessedPhoto>();
        for (const [i, p] of withPhoto.entries()) if (found[i]) photos.set(p.id, found[i]);
        const card = `${site.siteUrl}${cardPath(event.id, eventCard(event))}`;
        const page = <SessionPage event={event} session={session} photos={photos} card={card} siteUrl={site.siteUrl} />;
        return c.html(page, 200, {
          etag,
          'last-modified': new Date(site.builtAt).toUTCString(),
          'cache-control': PUBLIC,
        });
      })
    );
  });
