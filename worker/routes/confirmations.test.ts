// Actions that cannot be taken back ask first: each has a confirmation page that says what will
// happen, a post without the confirmation changes nothing, and after it the page says what is next.
import { describe, expect, it } from 'vitest';
import { type Browser, person, registerAndProve, rows, signedInBrowser } from '../testing/fixtures.ts';

const html = async (res: Response) => {
  expect(res.status).toBe(200);
  return res.text();
};

async function calendarToken(browser: Browser, path: string) {
  const page = await (await browser.fetch(path)).text();
  return page.match(/\/api\/calendars\/personal\/(c_[A-Za-z0-9_-]{43})\.ics/)?.[1];
}

describe('cancelling a place', () => {
  it('links to a confirmation page, changes nothing until confirmed, then says what happened', async () => {
    const me = await registerAndProve('crowded', person('confirm-cancel'));
    const manage = await html(await me.browser.fetch(me.page));
    expect(manage).toContain(`href="${me.page}/cancel"`);

    const asked = await html(await me.browser.fetch(`${me.page}/cancel`));
    expect(asked).toContain('<h1>Cancel your place at Fixture crowded?</h1>');
    expect(asked).toContain('Your place goes at once to the next person on the waitlist');
    expect(asked).toContain('name="confirm" value="yes"');
    expect(asked).toContain(`<a class="button" href="${me.page}">No, keep my registration</a>`);

    // A post without the confirmation (an old form, a script) answers the same question.
    const unconfirmed = await me.browser.postForm(`${me.page}/cancel`, []);
    expect(await html(unconfirmed)).toContain('Cancel your place at Fixture crowded?');
    const status = async () =>
      (await rows<{ status: string }>('SELECT status FROM registrations WHERE id = ?', me.id))[0]!.status;
    expect(await status()).toBe('confirmed');
    expect((await me.browser.postForm(`${me.page}/cancel`, [['confirm', 'no']])).status).toBe(200);
    expect(await status()).toBe('confirmed');

    const done = await me.browser.postForm(`${me.page}/cancel`, [['confirm', 'yes']]);
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe(`${me.page}?done=cancelled`);
    expect(await status()).toBe('cancelled');
    const after = await html(await me.browser.fetch(done.headers.get('location')!));
    expect(after).toContain('Your registration is cancelled.');
    expect(after).toContain('register again on the event page while places remain');
  });

  it('asks in the words of a waitlist spot or an application', async () => {
    const camp = await registerAndProve('camp', person('confirm-apply', { answers: { why: 'To learn.' } }));
    expect(await html(await camp.browser.fetch(`${camp.page}/cancel`))).toContain(
      'Withdraw your application to Fixture camp?',
    );
  });

  it('accepts the confirmation as JSON too', async () => {
    const me = await registerAndProve('crowded', person('confirm-json'));
    expect((await me.browser.postJson(`${me.page}/cancel`, {})).status).toBe(200);
    expect((await me.browser.postJson(`${me.page}/cancel`, { confirm: true })).status).toBe(303);
    expect((await rows<{ status: string }>('SELECT status FROM registrations WHERE id = ?', me.id))[0]!.status).toBe(
      'cancelled',
    );
  });
});

describe('opting out of meeting people', () => {
  it('asks first, keeps the profile until confirmed, then says so', async () => {
    const me = await registerAndProve(
      'meetup-matching',
      person('confirm-optout', { profile: { offers: ['pricing'] } }),
    );
    const profiles = async () => (await rows('SELECT 1 FROM profiles WHERE registration_id = ?', me.id)).length;
    expect(await profiles()).toBe(1);
    expect(await html(await me.browser.fetch(me.page))).toContain(`href="${me.page}/profile/delete"`);
    const asked = await html(await me.browser.fetch(`${me.page}/profile/delete`));
    expect(asked).toContain('<h1>Stop meeting people at Fixture meetup-matching?</h1>');
    expect(asked).toContain('you leave the 1:1 meetings that have not started');

    await me.browser.postForm(`${me.page}/profile/delete`, []);
    expect(await profiles()).toBe(1);
    const done = await me.browser.postForm(`${me.page}/profile/delete`, [['confirm', 'yes']]);
    expect(await profiles()).toBe(0);
    const after = await html(await me.browser.fetch(done.headers.get('location')!));
    expect(after).toContain('You no longer take part in meeting people here');
    expect(after).toContain('Opt in to meet people');
  });
});

describe('resetting the calendar link', () => {
  it('makes the first link at once, but asks before replacing it, on the manage page', async () => {
    const me = await registerAndProve('agenda', person('confirm-calendar'));
    const made = await html(await me.browser.postForm(`${me.page}/calendar`, []));
    expect(made).toContain('Here is your calendar link.');
    const first = await calendarToken(me.browser, me.page);
    expect(first).toBeDefined();

    const asked = await html(await me.browser.postForm(`${me.page}/calendar`, []));
    expect(asked).toContain('<h1>Reset your calendar link?</h1>');
    expect(await calendarToken(me.browser, me.page)).toBe(first);
    expect(await html(await me.browser.fetch(`${me.page}/calendar`))).toContain('Reset your calendar link?');

    const reset = await html(await me.browser.postForm(`${me.page}/calendar`, [['confirm', 'yes']]));
    expect(reset).toContain('Your calendar link is reset: the old one has stopped working.');
    const second = await calendarToken(me.browser, me.page);
    expect(second).toBeDefined();
    expect(second).not.toBe(first);
  });

  it('asks first on My Gathering too', async () => {
    const address = 'confirm-my-calendar@example.org';
    const browser = await signedInBrowser(address);
    await browser.postForm('/my/calendar', []);
    const first = await calendarToken(browser, '/my/');
    expect(first).toBeDefined();
    expect(await html(await browser.postForm('/my/calendar', []))).toContain('Reset your calendar link?');
    expect(await calendarToken(browser, '/my/')).toBe(first);
    await browser.postForm('/my/calendar', [['confirm', 'yes']]);
    expect(await calendarToken(browser, '/my/')).not.toBe(first);
  });
});

describe('stopping old links', () => {
  it('asks first, and stops nothing until confirmed', async () => {
    const me = await registerAndProve('crowded', person('confirm-links'));
    const links = async () =>
      (await rows<{ n: number }>('SELECT count(*) AS n FROM manage_links WHERE registration_id = ?', me.id))[0]!.n;
    const before = await links();
    expect(await html(await me.browser.fetch(`${me.page}/links/reset`))).toContain(
      'Stop every link to this registration?',
    );
    await me.browser.postForm(`${me.page}/links/reset`, []);
    expect(await links()).toBe(before);
    const done = await me.browser.postForm(`${me.page}/links/reset`, [['confirm', 'yes']]);
    expect(done.headers.get('location')).toBe(`${me.page}?done=links`);
  });

  it('shows no confirmation page to a browser that does not hold the registration', async () => {
    const me = await registerAndProve('crowded', person('confirm-stranger'));
    const stranger = await registerAndProve('crowded', person('confirm-stranger-2'));
    for (const path of ['cancel', 'profile/delete', 'calendar', 'links/reset'])
      expect((await stranger.browser.fetch(`${me.page}/${path}`)).status).toBe(404);
  });
});
