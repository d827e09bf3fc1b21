import { beforeEach, describe, expect, it } from 'vitest';
import { cataloguePaths } from '../../model/catalogue.ts';
import { call, content, person, postForm, postJson, registerUnproven } from '../testing/fixtures.ts';

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
