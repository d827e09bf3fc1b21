// Every problem of a registration in one answer, JSON and form alike: the page script sends JSON,
// and a person must not fix the fields and then meet the questions' problems on a second try.
import { describe, expect, it } from 'vitest';
import { postForm, postJson } from '../testing/fixtures.ts';

const fieldsOf = async (res: Response) =>
  (await res.json<{ errors: { field: string }[] }>()).errors.map((e) => e.field).sort();

describe('POST /api/events/{eventId}/registrations: problems in one round', () => {
  it('names every field and unanswered question at once for JSON the schema refuses', async () => {
    const res = await postJson('/api/events/open-event/registrations', { name: '', email: 'nope', answers: {} });
    expect(res.status).toBe(400);
    expect(await fieldsOf(res)).toEqual(['answers.role', 'consent', 'email', 'name']);
  });

  it('names questions when only they are wrong, and when the body is not an object', async () => {
    const only = await postJson('/api/events/open-event/registrations', {
      name: 'Q',
      email: 'q@example.org',
      consent: true,
      answers: { role: 'Astronaut', website: 'not a url' },
    });
    expect(await fieldsOf(only)).toEqual(['answers.role', 'answers.website']);
    const list = await postJson('/api/events/open-event/registrations', [1, 2]);
    expect(list.status).toBe(400);
    expect(await fieldsOf(list)).toContain('answers.role');
  });

  it('refuses a closed event for what it is, before the fields', async () => {
    const res = await postJson('/api/events/ended/registrations', { name: '' });
    expect(await res.json()).toMatchObject({ code: 'registration_ended' });
  });

  it('keeps the form answering every problem at once too', async () => {
    const res = await postForm('/api/events/open-event/registrations', [['name', '']]);
    const html = await res.text();
    for (const id of ['r-name-error', 'r-email-error', 'r-consent-error', 'q-role-error']) expect(html).toContain(id);
  });
});
