// The personal calendar link is shown whenever its owner comes back, on the manage page and on My
// Gathering, while D1 holds it only sealed (and hashed, to find the feed).
import { describe, expect, it } from 'vitest';
import { calendarKeyOf, openLink, sealLink } from '../access/calendar-key.ts';
import { hashSecret } from '../access/secrets.ts';
import { Browser, call, person, registerAndProve, rows, signedInBrowser } from '../testing/fixtures.ts';

const tokenIn = (html: string) => html.match(/\/api\/calendars\/personal\/(c_[A-Za-z0-9_-]{43})\.ics/)?.[1];

describe('the stored calendar link', () => {
  it('is shown again on return, on the manage page and on My Gathering, and works', async () => {
    const address = 'calendar-return@example.org';
    const me = await registerAndProve('agenda', person('cr', { email: address }));
    const made = tokenIn(await (await me.browser.postForm(`${me.page}/calendar`, [])).text());
    expect(made).toBeDefined();

    const again = await (await me.browser.fetch(me.page)).text();
    expect(tokenIn(again)).toBe(made);
    expect(again).toContain(`value="http://localhost:8787/api/calendars/personal/${made}.ics"`);
    expect(again).toContain('data-copy="feed-url"');
    expect(again).toContain('<script type="module" src="/scripts/console/copy-link.js"></script>');

    // Another browser, signed in as the same person, sees the same link on My Gathering.
    const elsewhere = await signedInBrowser(address);
    expect(tokenIn(await (await elsewhere.fetch('/my/')).text())).toBe(made);
    expect((await call(`/api/calendars/personal/${made}.ics`)).status).toBe(200);
  });

  it('is not in clear in D1: only its hash and its sealed form are', async () => {
    const me = await registerAndProve('agenda', person('calendar-sealed'));
    const token = tokenIn(await (await me.browser.postForm(`${me.page}/calendar`, [])).text())!;
    const [row] = await rows<Record<string, string>>(
      'SELECT f.* FROM personal_feeds f JOIN registrations r ON r.person_id = f.person_id WHERE r.id = ?',
      me.id,
    );
    expect(row!.token_hash).toBe(await hashSecret(token));
    expect(row!.token_sealed).toMatch(/^[A-Za-z0-9+/=]+\.[A-Za-z0-9+/=]+$/);
    expect(JSON.stringify(row)).not.toContain(token);
    expect(JSON.stringify(row)).not.toContain(token.slice(2, 20));
  });

  it('opens only with the same key and for the same person', async () => {
    const key = (await calendarKeyOf({ DEV_MAILBOX: 'on' }))!;
    const other = (await calendarKeyOf({ CALENDAR_LINK_KEY: 'another deployment' }))!;
    const sealed = await sealLink(key, 7, 'c_secret');
    expect(await openLink(key, 7, sealed)).toBe('c_secret');
    expect(await openLink(key, 8, sealed)).toBeUndefined();
    expect(await openLink(other, 7, sealed)).toBeUndefined();
    expect(await openLink(key, 7, 'garbage')).toBeUndefined();
    // Two seals of one link differ (a fresh IV each time).
    expect(await sealLink(key, 7, 'c_secret')).not.toBe(sealed);
    // Without a secret outside local development there is no key: links are then shown once.
    expect(calendarKeyOf({})).toBeUndefined();
  });

  it('explains a link made before links were kept, and offers a reset', async () => {
    const me = await registerAndProve('agenda', person('calendar-old'));
    await me.browser.postForm(`${me.page}/calendar`, []);
    await rows(
      'UPDATE personal_feeds SET token_sealed = NULL WHERE person_id = (SELECT person_id FROM registrations WHERE id = ?)',
      me.id,
    );
    const page = await (await me.browser.fetch(me.page)).text();
    expect(tokenIn(page)).toBeUndefined();
    expect(page).toContain('made before links were kept to show again');
    expect(page).toContain(`<a class="button" href="${me.page}/calendar">Reset my calendar link</a>`);
  });

  it('is never shown to a browser whose email is not proven', async () => {
    const me = await registerAndProve('agenda', person('calendar-unproven'));
    await me.browser.postForm(`${me.page}/calendar`, []);
    const unproven = new Browser();
    const res = await unproven.fetch(me.page);
    expect(res.status).toBe(404);
  });
});
