// GET /events/{event}/sessions/{session}/ as people and link previews fetch it: the worker renders
// it from the built sample catalogue (the same static assets that deploy), with the speakers'
// processed photos, validators and 304s, HEAD, and a 404 page for what does not exist.
import { SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { appWithEvent } from '../testing/fixtures.ts';

const get = (path: string, headers: Record<string, string> = {}, method = 'GET') =>
  SELF.fetch(`http://localhost:8787${path}`, { headers, method, redirect: 'manual' });
const PAGE = '/events/indiecon-toronto-2027/sessions/portfolio-that-sells/';

describe('GET /events/{eventId}/sessions/{session}/', () => {
  it('shows what, when in the event zone, where with a map, who, and the way back to the programme', async () => {
    const res = await get(PAGE);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await res.text();
    expect(html).toContain('<h1>A portfolio that sells the work you want next</h1>');
    expect(html).toContain('<time datetime="2027-05-13T14:00:00.000Z">Thursday 13 May 2027, 10:00</time>');
    expect(html).toContain('Toronto time: Eastern Daylight Time (UTC−4) · America/Toronto');
    expect(html).toContain('Main hall');
    expect(html).toContain('href="https://www.openstreetmap.org/?mlat=');
    expect(html).toContain('href="/events/indiecon-toronto-2027/#session-portfolio-that-sells"');
    expect(html).toContain('href="/people/priya-raman/"');
    expect(html).toContain('href="/api/calendars/events/indiecon-toronto-2027/sessions/portfolio-that-sells.ics"');
    expect(html).toContain('Add to Google Calendar');
    expect(html).toContain('data-session="indiecon-toronto-2027/portfolio-that-sells"');
    expect(html).toContain('<script type="module" src="/scripts/console/session-page.js"></script>');
    expect(html).toContain('class="session-page track-1"');
  });

  it('names the room, then the venue once with its address', async () => {
    const html = await (await get(PAGE)).text();
    const where = html.match(/<dt>Where<\/dt><dd>([\s\S]*?)<\/dd>/)![1]!;
    const text = where
      .replace(/<br\/>/g, '\n')
      .replace(/<[^>]+>/g, '')
      .split('\n')
      .map((l) => l.trim());
    expect(text[0]).toBe('Main hall');
    expect(text[1]).toMatch(/^Spadina Commons, 401 Richmond St W/);
    expect(where.match(/Spadina Commons/g)).toHaveLength(3); // the link, and the two map links' hidden words
  });

  it("shares with the session's title and words on the event's social card", async () => {
    const html = await (await get(PAGE)).text();
    expect(html).toContain('<meta property="og:title" content="A portfolio that sells the work you want next"/>');
    expect(html).toMatch(
      /<meta property="og:image" content="http:\/\/localhost:8787\/cards\/indiecon-toronto-2027\.[a-z0-9]+\.png"\/>/,
    );
    expect(html).toContain(`<link rel="canonical" href="http://localhost:8787${PAGE}"/>`);
    expect(html).toMatch(/<meta name="description" content="[^"]+"\/>/);
  });

  it("shows the speakers' photos in AVIF and WebP at the size shown, with width, height and alt", async () => {
    const html = await (await get('/events/indiecon-toronto-2027/sessions/closing/')).text();
    const pictures = html.match(/<picture>[\s\S]*?<\/picture>/g) ?? [];
    expect(pictures).toHaveLength(2);
    for (const p of pictures) {
      expect(p).toMatch(/<source type="image\/avif" srcset="\/_astro\/[^"]+\.avif 1x, \/_astro\/[^"]+\.avif 2x"\/>/);
      expect(p).toMatch(/<source type="image\/webp" srcset="[^"]+\.webp 1x, [^"]+\.webp 2x"\/>/);
      expect(p).toMatch(
        /<img class="avatar" src="\/_astro\/[^"]+\.webp" alt="Abstract portrait of [^"]+" width="56" height="56"/,
      );
    }
  });

  it('marks a cancelled session and offers no calendar for it', async () => {
    const html = await (await get('/events/indiecon-toronto-2027/sessions/contracts-clinic/')).text();
    expect(html).toContain('This session is cancelled.');
    expect(html).not.toContain('Add to Google Calendar');
  });

  it('says the event is postponed, so its old times are not taken for the new ones', async () => {
    const res = await appWithEvent('agenda', { status: 'postponed' })('/events/agenda/sessions/session-1/');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toMatch(/<p class="banner postponed" role="status">[^<]* is postponed: these times no longer hold/);
    expect(html).not.toContain('is cancelled');
  });

  it('says the event is cancelled, and offers neither calendar nor star', async () => {
    const html =
      await // Another session than above: the edge cache keys on the path and the (fixture's unchanging) version.
      (await appWithEvent('agenda', { status: 'cancelled' })('/events/agenda/sessions/session-2/')).text();
    expect(html).toMatch(/<p class="banner cancelled" role="status">[^<]* is cancelled\.<\/p>/);
    expect(html).not.toContain('Add to calendar');
    expect(html).not.toContain('star-place');
    expect(html).not.toContain('postponed');
  });

  it('answers 304 to If-None-Match and If-Modified-Since, with a public cache policy, and HEAD', async () => {
    const first = await get(PAGE);
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^"[^"]+"$/);
    expect(first.headers.get('cache-control')).toMatch(/^public, /);
    expect((await get(PAGE, { 'if-none-match': etag })).status).toBe(304);
    const since = first.headers.get('last-modified')!;
    expect((await get(PAGE, { 'if-modified-since': since })).status).toBe(304);
    const head = await get(PAGE, {}, 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    // Another session has another validator.
    const other = await get('/events/indiecon-toronto-2027/sessions/opening/');
    expect(other.headers.get('etag')).not.toBe(etag);
  });

  it('sends the address without its slash to the page', async () => {
    const res = await get(PAGE.slice(0, -1));
    expect(res.status).toBe(301);
    expect(res.headers.get('location')).toBe(PAGE);
  });

  it.each([
    ['CR LF', '/events/indiecon-toronto-2027/sessions/a%0d%0aSet-Cookie:%20x=1', 'See the programme of IndieCon'],
    ['markup', '/events/indiecon-toronto-2027/sessions/%3Cscript%3Ealert(1)%3C%2Fscript%3E', 'See the programme of'],
    ['backslashes', '/events/indiecon-toronto-2027/sessions/%5C%5Cevil.example', 'See the programme of IndieCon'],
    ['encoded slashes', '/events/%2F%2Fevil.example/sessions/opening', 'See all events'],
    ['a tab', '/events/indiecon-toronto-2027/sessions/a%09b', 'See the programme of IndieCon'],
  ])('answers an address without its slash that holds %s with the 404 page, not a redirect', async (_, path, link) => {
    for (const method of ['GET', 'HEAD']) {
      const res = await get(path, {}, method);
      expect(res.status, method).toBe(404);
      expect(res.headers.get('location')).toBeNull();
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      if (method === 'GET') {
        const html = await res.text();
        expect(html).toContain('There is no such session');
        expect(html).toContain(link);
        expect(html).not.toMatch(/<script>|evil\.example|Set-Cookie/);
      }
    }
  });

  it('sends an unknown but well-formed address without its slash on, to answer there', async () => {
    const res = await get('/events/no-such-event/sessions/no-such-talk');
    expect(res.status).toBe(301);
    expect(res.headers.get('location')).toBe('/events/no-such-event/sessions/no-such-talk/');
    expect((await get(res.headers.get('location')!)).status).toBe(404);
  });

  it.each([
    ['an unknown session', '/events/indiecon-toronto-2027/sessions/no-such-talk/', 'See the programme of IndieCon'],
    ['an unknown event', '/events/no-such-event/sessions/opening/', 'See all events'],
    ['a malformed session', '/events/indiecon-toronto-2027/sessions/..%2F..%2Fsite/', 'See the programme of IndieCon'],
    ['a malformed event', '/events/%00bad/sessions/opening/', 'See all events'],
    ['a session of another event', '/events/indiecon-toronto-2026/sessions/opening/', 'See the programme of'],
  ])('answers a 404 page for %s', async (_, path, link) => {
    const res = await get(path);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await res.text();
    expect(html).toContain('There is no such session');
    expect(html).toContain(link);
  });
});
