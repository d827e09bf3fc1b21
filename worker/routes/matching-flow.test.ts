// Meeting people as a person sees it move: asked people leave "Suggested" for "Requested", answers
// move them again, reasons instead of scores, and every action says what it did.
import { beforeAll, describe, expect, it } from 'vitest';
import { type Browser, registerAndProve, rows } from '../testing/fixtures.ts';

type Person = { page: string; id: number; browser: Browser };

const join = async (name: string, profile: Record<string, unknown>): Promise<Person> =>
  registerAndProve('meetup-matching', {
    name,
    email: `flow-${name.toLowerCase()}@example.org`,
    consent: true,
    profile,
  });

const html = async (p: Person) => (await p.browser.fetch(p.page)).text();
/** The part of a page under one heading of the "Meet people" section, up to the next heading. */
const part = (page: string, heading: string) => {
  const start = page.indexOf(`>${heading}</h`);
  if (start < 0) return '';
  const rest = page.slice(start + heading.length);
  const end = rest.search(/<h[234][ >]/);
  return end < 0 ? rest : rest.slice(0, end);
};

describe('meeting people, step by step', () => {
  let uma: Person;
  let vic: Person;
  let wes: Person;

  beforeAll(async () => {
    uma = await join('Uma', { offers: ['pricing'], seeks: ['writing'], interests: ['remote teams'] });
    vic = await join('Vic', { offers: ['writing'], seeks: ['pricing'], interests: ['remote teams'] });
    wes = await join('Wes', { offers: ['writing'], seeks: ['pricing'] });
  });

  it('shows reasons in words, never a score', async () => {
    const page = await html(uma);
    const suggested = part(page, 'Suggested for you');
    expect(suggested).toContain('<strong>Vic</strong>');
    expect(suggested).toContain(
      'Why: offers writing, which you seek; seeks pricing, which you offer; you both care about remote teams.',
    );
    expect(suggested).not.toMatch(/score|\b\d+(\.\d+)? points?\b/i);
  });

  it('moves someone from "Suggested" to "Requested" once asked, and says so', async () => {
    const asked = await uma.browser.postForm(`${uma.page}/introductions`, [
      ['to', String(vic.id)],
      ['note', 'Trade notes on pricing?'],
    ]);
    expect(asked.headers.get('location')).toBe(`${uma.page}?done=asked#meet`);
    const page = await (await uma.browser.fetch(asked.headers.get('location')!)).text();
    expect(part(page, 'Meet people')).toContain('Your request is sent. They are listed under &quot;Requested&quot;');
    expect(part(page, 'Suggested for you')).not.toContain('<strong>Vic</strong>');
    expect(part(page, 'Requested, waiting for an answer')).toContain('<strong>Vic</strong>');
    expect(part(page, 'Requested, waiting for an answer')).toContain('Why: offers writing, which you seek');
    // The other side sees the request (not as a suggestion), with the note and the reasons.
    const theirs = await html(vic);
    expect(part(theirs, 'Suggested for you')).not.toContain('<strong>Uma</strong>');
    expect(part(theirs, 'Asking to meet you')).toContain('<strong>Uma</strong>: “Trade notes on pricing?”');
  });

  it('moves both to "Introduced" after an acceptance, and says what it did', async () => {
    const [intro] = await rows<{ id: number }>('SELECT id FROM introductions WHERE from_registration = ?', uma.id);
    const answered = await vic.browser.postForm(`${vic.page}/introductions/${intro!.id}`, [['decision', 'accept']]);
    expect(answered.headers.get('location')).toBe(`${vic.page}?done=accepted#meet`);
    const page = await (await vic.browser.fetch(answered.headers.get('location')!)).text();
    expect(page).toContain('You are introduced: each of you now sees the other');
    expect(part(page, 'Asking to meet you')).toBe('');
    expect(part(page, 'Introduced')).toContain('flow-uma@example.org');
    const asker = await html(uma);
    expect(part(asker, 'Requested, waiting for an answer')).toBe('');
    expect(part(asker, 'Introduced')).toContain('flow-vic@example.org');
  });

  it('moves someone to "Declined" after a refusal, and answering twice does nothing', async () => {
    await wes.browser.postForm(`${wes.page}/introductions`, [['to', String(uma.id)]]);
    const [intro] = await rows<{ id: number }>('SELECT id FROM introductions WHERE from_registration = ?', wes.id);
    const answered = await uma.browser.postForm(`${uma.page}/introductions/${intro!.id}`, [['decision', 'decline']]);
    expect(answered.headers.get('location')).toBe(`${uma.page}?done=declined#meet`);
    const page = await (await uma.browser.fetch(answered.headers.get('location')!)).text();
    expect(page).toContain('Declined. No email tells them');
    expect(part(page, 'Declined')).toContain('Wes');
    expect(part(page, 'Suggested for you')).not.toContain('<strong>Wes</strong>');
    const again = await uma.browser.postForm(`${uma.page}/introductions/${intro!.id}`, [['decision', 'accept']]);
    expect(again.headers.get('location')).toBe(`${uma.page}#meet`);
  });

  it('gives the note its own labelled, styled box', async () => {
    const other = await join('Xan', { offers: ['pricing'], seeks: ['writing'] });
    const page = await html(other);
    expect(page).toMatch(/<form method="post" action="[^"]+\/introductions" class="registration ask">/);
    expect(page).toMatch(/<label for="note-\d+">A note for \w+ <span class="required">\(optional\)<\/span><\/label>/);
    expect(page).toMatch(/<textarea id="note-\d+" name="note" rows="2" maxlength="500"><\/textarea>/);
  });

  it('confirms opting in and saving the profile', async () => {
    const yan = await registerAndProve('meetup-matching', {
      name: 'Yan',
      email: 'flow-yan@example.org',
      consent: true,
    });
    const first = await yan.browser.postForm(`${yan.page}/profile`, [['offers', 'pricing']]);
    expect(first.headers.get('location')).toBe(`${yan.page}?done=opted-in#meet`);
    expect(await (await yan.browser.fetch(first.headers.get('location')!)).text()).toContain('You are in:');
    const saved = await yan.browser.postForm(`${yan.page}/profile`, [['offers', 'writing']]);
    expect(saved.headers.get('location')).toBe(`${yan.page}?done=profile-saved#meet`);
  });
});
