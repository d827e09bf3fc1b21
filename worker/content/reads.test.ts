import { beforeEach, describe, expect, it } from 'vitest';
import { cataloguePaths } from '../../model/catalogue.ts';
import { createApp } from '../app.ts';
import {
  call,
  callerOf,
  content,
  events,
  person,
  postForm,
  postJson,
  registerUnproven,
  site,
} from '../testing/fixtures.ts';
import { memorySource } from './source.ts';

// At 5,000 events a request that read the catalogue would cost more than the free plan's CPU:
// each public route reads the one file of the event it answers about, or one bounded list.
describe('what a request reads of the published content', () => {
  const event = cataloguePaths.event('unlimited');
  beforeEach(() => {
    content.reads.length = 0;
  });

  it.each([
    ['the event', '/api/events/unlimited'],
    ['its availability', '/api/events/unlimited/availability'],
    ['its calendar', '/api/calendars/events/unlimited.ics'],
  ])('%s reads only that event', async (_, path) => {
    expect((await call(path)).status).toBe(200);
    expect(new Set(content.reads)).toEqual(new Set([event]));
  });

  it("a session's page reads only its event (and the photos of its speakers who have one)", async () => {
    expect((await call('/events/agenda/sessions/session-2/')).status).toBe(200);
    expect(content.reads).toEqual([cataloguePaths.event('agenda')]);
  });

  it("a session's page reads one photo file per speaker with a photo, none for the others", async () => {
    const base = events.find((e) => e.id === 'agenda')!;
    const speakers = [
      { id: 'ada', name: 'Ada', photo: true },
      { id: 'bo', name: 'Bo' },
    ];
    const agenda = { ...base, sessions: base.sessions.map((s) => ({ ...s, speakers })) };
    const photo = { alt: 'Ada', width: 56, height: 56, src: '/a.webp', sources: [] };
    const source = memorySource({ site, events: [agenda], photos: new Map([['ada', photo]]) });
    const res = await callerOf(createApp({ content: () => source }))('/events/agenda/sessions/session-1/');
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<img class="avatar" src="/a.webp" alt="Ada" width="56" height="56"');
    expect(source.reads).toEqual([cataloguePaths.event('agenda'), '/people/ada/photo.json']);
  });

  it('registering by script or by form reads only that event', async () => {
    expect((await postJson('/api/events/unlimited/registrations', person('reads-json'))).status).toBe(201);
    const form = await postForm('/api/events/unlimited/registrations', [
      ['name', 'Reads Form'],
      ['email', 'reads-form@example.org'],
      ['consent', 'on'],
    ]);
    expect(form.status).toBe(303);
    expect(new Set(content.reads)).toEqual(new Set([event]));
  });

  it("the manage page reads only the person's event", async () => {
    const { browser, page } = await registerUnproven('unlimited', person('reads-page'));
    content.reads.length = 0;
    expect((await browser.fetch(page)).status).toBe(200);
    expect(new Set(content.reads)).toEqual(new Set([event]));
  });

  it('a list reads one page or one bounded feed list, never the events one by one', async () => {
    expect((await call('/api/events')).status).toBe(200);
    expect((await call('/api/calendars/events.ics')).status).toBe(200);
    expect(content.reads).toEqual([cataloguePaths.eventsPage(1), cataloguePaths.allEvents]);
  });
});
