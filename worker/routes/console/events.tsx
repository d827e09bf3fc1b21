// The console's events: the list in the organiser's scope, and one event's overview.
import { Hono } from 'hono';
import { formatWhen } from '../../../model/time-format.ts';
import { EventCharts } from '../../../ui/console/event-charts.tsx';
import { ConsoleEventPage } from '../../../ui/console/event-page.tsx';
import { ConsoleEventsPage } from '../../../ui/console/events-page.tsx';
import { eventPath } from '../../../ui/console/layout.tsx';
import { can, eventFromParam } from '../../access/middleware.ts';
import { organiserMay } from '../../access/rules.ts';
import { overviewCharts } from '../../console/charts.ts';
import { eventsInScope } from '../../console/events.ts';
import { countsByStatus } from '../../db/registrations.ts';
import type { AppEnv } from '../../env.ts';
import { fail } from '../../http/problems.ts';
import { services } from '../context.ts';
import { consoleContext } from './context.ts';
import { ticketSection } from './ticket-section.tsx';

/** An event's id in a console path; "/" between folders comes encoded (see eventPath). */
export const EVENT = ':eventId{[a-zA-Z0-9%-]{1,160}}';

const pageNumber = (value: string | undefined) => {
  const n = Number(value ?? '1');
  return Number.isSafeInteger(n) && n >= 1 ? n : undefined;
};

const placesLeft = (capacity: number | null, confirmed: number) =>
  capacity === null ? null : Math.max(0, capacity - confirmed);

export const consoleEvents = new Hono<AppEnv>()
  .get('/console/', async (c) => {
    const page = pageNumber(c.req.query('page'));
    const list = page ? await eventsInScope(services(c), c.var.organiser, page) : undefined;
    if (!list) return fail('not_found', 'There is no such page of events.');
    const events = list.events.map((e) => ({
      id: e.id,
      title: e.title,
      when: formatWhen(e),
      status: e.status,
      counts: e.counts,
      placesLeft: placesLeft(e.capacity, e.counts.confirmed),
    }));
    const ctx = await consoleContext(c);
    return c.html(<ConsoleEventsPage ctx={ctx} events={events} page={list.page} pages={list.pages} />);
  })
  // The "open an event by its id" form.
  .get('/console/events', (c) => {
    const id = c.req.query('id') ?? '';
    if (!/^[a-z0-9]+(?:[-/][a-z0-9]+)*$/.test(id) || id.length > 120)
      return fail('validation_failed', 'An event id is lower-case letters, digits and dashes, like "indiecon-2027".');
    return c.redirect(`${eventPath(id)}/`, 303);
  })
  .get(`/console/events/${EVENT}/`, can('registrations.count'), eventFromParam(), async (c) => {
    const event = c.var.event;
    const who = c.var.organiser;
    const may = (action: Parameters<typeof organiserMay>[1]) => organiserMay(who, action, event.id).ok;
    const paid = (event.tickets ?? []).length > 0;
    const [counts, charts, tickets] = await Promise.all([
      countsByStatus(c.var.db, event.id),
      overviewCharts(c.var.db, event, c.var.now),
      paid && may('payments.read') ? ticketSection(c.var.db, event, c.var.now) : null,
    ]);
    return c.html(
      <ConsoleEventPage
        ctx={await consoleContext(c)}
        event={{ id: event.id, title: event.title, when: formatWhen(event), status: event.status }}
        counts={counts}
        placesLeft={placesLeft(event.capacity, counts.confirmed)}
        links={{
          registrations: may('registrations.read'),
          messages: may('messages.send'),
          door: may('check-in'),
          meetings: may('meetings.read'),
          exports: may('registrations.read'),
          orders: paid && may('payments.read'),
          vouchers: paid && may('vouchers.manage'),
        }}
      >
        {tickets}
        <EventCharts charts={charts} />
      </ConsoleEventPage>,
    );
  });
