// Several venues, as attendees meet them: each session's own place in every feed (read by a real
// iCalendar parser), on the manage page and in the confirmation email, and the ticket's what, when
// and where with a map link.
import { SELF } from 'cloudflare:test';
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import type { CatalogueEvent } from '../../model/catalogue.ts';
import { messageFor } from '../messages/texts.ts';
import { appWithEvent, Browser, events, fixtureEvent, lastMessageTo, person } from '../testing/fixtures.ts';

const sample = (path: string) => SELF.fetch(`http://localhost:8787${path}`);

/** Each VEVENT of a calendar by its SUMMARY: where it says it is. */
function places(ics: string) {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  return new Map(
    calendar.getAllSubcomponents('vevent').map((v) => [
      String(v.getFirstPropertyValue('summary')),
      {
        location: v.getFirstPropertyValue('location'),
        geo: v.getFirstPropertyValue('geo'),
        description: String(v.getFirstPropertyValue('description')),
      },
    ]),
  );
}

const casa = {
  location: 'Kitchen, Casa do Largo\nLargo do Intendente Pina Manique 6, 1100-285 Lisboa',
  geo: [38.7219, -9.1357],
};
const atelier = { location: 'Sala azul, Atelier da Graça\nRua da Graça 72, 1170-169 Lisboa', geo: [38.7178, -9.1306] };

describe('feeds of the sample camp, held at two venues', () => {
  it("gives each session of the event feed its own LOCATION and GEO, and lists the venues on the event's entry", async () => {
    const res = await sample('/api/calendars/events/copass-camp-lisbon-2027.ics');
    expect(res.status).toBe(200);
    const entries = places(await res.text());
    expect(entries.get('Welcome dinner in the long kitchen')).toMatchObject(casa);
    expect(entries.get('Spaces exchange — what works where')).toMatchObject(atelier);
    expect(entries.get('Hosting travelling members')).toMatchObject(atelier);
    // The event's own entry (also the one the city, kind and all-events feeds carry) names its first venue.
    const camp = entries.get('Copass Camp Lisbon 2027')!;
    expect(camp.location).toBe('Casa do Largo\nLargo do Intendente Pina Manique 6, 1100-285 Lisboa');
    expect(camp.description).toContain('Venues:\nCasa do Largo, Largo do Intendente');
    expect(camp.description).toContain('\nAtelier da Graça, Rua da Graça 72, 1170-169 Lisboa');
  });

  it("puts a session's own venue in its single-session feed", async () => {
    const res = await sample('/api/calendars/events/copass-camp-lisbon-2027/sessions/spaces-exchange.ics');
    expect(places(await res.text()).get('Spaces exchange — what works where')).toMatchObject(atelier);
  });

  it('gives every session its venue in the events API, and the event all its venues', async () => {
    const event = await (await sample('/api/events/copass-camp-lisbon-2027')).json<{
      venues: { name: string }[];
      sessions: { id: string; venue: { name: string; lat?: number } }[];
    }>();
    expect(event.venues.map((v) => v.name)).toEqual(['Casa do Largo', 'Atelier da Graça']);
    const at = new Map(event.sessions.map((s) => [s.id.split('/')[1], s.venue.name]));
    expect(Object.fromEntries(at)).toEqual({
      'welcome-dinner': 'Casa do Largo',
      'spaces-exchange': 'Atelier da Graça',
      'hosting-travellers': 'Atelier da Graça',
      'sintra-walk': 'Casa do Largo',
      'next-camps': 'Atelier da Graça',
    });
    expect(JSON.stringify(event)).not.toContain('"key"');
  });
});

// The fixture event with three sessions, moved to two venues: session 2 is in the studio across the yard.
const agenda = events.find((e) => e.id === 'agenda')!;
const werkhaus = { ...agenda.venue, key: 'werkhaus' };
const studio = { name: 'Hof Studio', address: 'Oranienstr. 1, Berlin', room: 'Back house', lat: 52.502, lng: 13.42 };
const twoVenues: Partial<CatalogueEvent> = {
  venues: [werkhaus, { ...studio, key: 'hof' }],
  sessions: agenda.sessions.map((s, i) => ({
    ...s,
    venue: i === 1 ? 'hof' : 'werkhaus',
    room: i === 1 ? 'Loft' : s.room,
  })),
};
const via = appWithEvent('agenda', twoVenues);

/** Registers on the two-venue app, then opens the confirmation's link in a browser, as a person would. */
async function registerThere(n: string) {
  const res = await new Browser(via).postJson('/api/events/agenda/registrations', person(n));
  const { registration } = await res.json<{ registration: { id: number } }>();
  const { message, link } = lastMessageTo(`person${n}@example.org`);
  const browser = new Browser(via);
  await browser.open(link!);
  return { browser, message: message!, page: `/manage/${registration.id}` };
}

describe('an event with two venues, for a registered person', () => {
  it('names both places with map links in the confirmation, and each session its own in the attached calendar', async () => {
    const { message } = await registerThere('venues-mail');
    expect(message.text).toMatch(/\nWhen: \w+day \d+ \w+ \d{4}, \d\d:\d\d–\d\d:\d\d \(Berlin time\)\n/);
    expect(message.text).toContain(
      'Where, by session (see the programme):\n' +
        'Werkhaus, Skalitzer Str. 85, Berlin\n' +
        'Map: https://www.openstreetmap.org/?mlat=52.5&mlon=13.43#map=17/52.5/13.43\n' +
        'Back house, Hof Studio, Oranienstr. 1, Berlin\n' +
        'Map: https://www.openstreetmap.org/?mlat=52.502&mlon=13.42#map=17/52.502/13.42\n',
    );
    expect(message.text).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);
    const attached = places(message.attachments[0]!.content);
    expect(attached.get('Session 1')).toMatchObject({ location: 'Hall, Werkhaus\nSkalitzer Str. 85, Berlin' });
    expect(attached.get('Session 2')).toMatchObject({
      location: 'Loft, Hof Studio\nOranienstr. 1, Berlin',
      geo: [52.502, 13.42],
    });
  });

  it('shows the ticket with both venues and map links, and each starred session where it happens', async () => {
    const me = await registerThere('venues-page');
    const html = await (await me.browser.fetch(me.page)).text();
    const ticket = html.slice(html.indexOf('aria-label="Your ticket"'), html.indexOf('</section>'));
    expect(ticket).toContain('<dt>What</dt><dd>Fixture agenda</dd>');
    expect(ticket).toMatch(/<dt>When<\/dt><dd>\w+day \d+ \w+ \d{4}, \d\d:\d\d–\d\d:\d\d \(Berlin time\)<\/dd>/);
    expect(ticket).toContain('Werkhaus, Skalitzer Str. 85, Berlin');
    expect(ticket).toContain('href="https://www.openstreetmap.org/?mlat=52.502&amp;mlon=13.42#map=17/52.502/13.42"');
    const agendaAt = html.indexOf('id="agenda"');
    const slot = (title: string) => html.slice(html.indexOf(`<strong>${title}</strong>`, agendaAt)).slice(0, 400);
    expect(slot('Session 2')).toContain('Loft, Hof Studio, Oranienstr. 1, Berlin');
    expect(slot('Session 1')).toContain('Hall, Werkhaus, Skalitzer Str. 85, Berlin');
    expect(html).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);
  });

  it('puts a starred session at its own venue in the personal calendar', async () => {
    const me = await registerThere('venues-feed');
    await me.browser.postForm(`${me.page}/stars`, [
      ['sessionId', 'agenda/session-2'],
      ['starred', 'on'],
    ]);
    const answer = await (await me.browser.postForm(`${me.page}/calendar`, [])).text();
    const feed = answer.match(/\/api\/calendars\/personal\/c_[A-Za-z0-9_-]{43}\.ics/)![0];
    const entries = places(await (await via(feed)).text());
    expect(entries.get('Session 2')).toMatchObject({
      location: 'Loft, Hof Studio\nOranienstr. 1, Berlin',
      geo: [52.502, 13.42],
    });
    expect(entries.get('Fixture agenda')).toMatchObject({ location: 'Werkhaus\nSkalitzer Str. 85, Berlin' });
  });
});

describe('the place in messages of a one-venue event', () => {
  it('names it with a map link, from coordinates or else from the address', () => {
    const mapped = messageFor('confirmed', fixtureEvent('one-place')).body;
    expect(mapped).toContain(
      '\nWhere: Werkhaus, Skalitzer Str. 85, Berlin\n' +
        'Map: https://www.openstreetmap.org/?mlat=52.5&mlon=13.43#map=17/52.5/13.43\n',
    );
    const patio = fixtureEvent('patio', { venue: { name: 'Patio', address: 'Calle 1, CDMX', room: 'Roof' } });
    expect(messageFor('accepted', patio).body).toContain(
      '\nWhere: Roof, Patio, Calle 1, CDMX\nMap: https://www.openstreetmap.org/search?query=Patio%2C%20Calle%201%2C%20CDMX\n',
    );
  });
});
