// The door: the page a volunteer's phone opens, the check-in list it keeps offline, the sync of
// what it queued, the form that checks in without JavaScript, and the service worker that serves
// the page when the network is gone.
import { Hono } from 'hono';
import { permissionsPolicy } from '../../../model/http-policy.ts';
import { normaliseTicketCode } from '../../../model/ticket.ts';
import { utcToLocal } from '../../../model/time.ts';
import { formatTime } from '../../../model/time-format.ts';
import { type DoorAnswer, DoorPage, type DoorTicketView } from '../../../ui/console/door-page.tsx';
import { can, eventFromParam } from '../../access/middleware.ts';
import { doorList, syncDoor } from '../../console/door.ts';
import { type DoorTicket, searchTickets } from '../../db/door.ts';
import { countsByStatus } from '../../db/registrations.ts';
import type { AppEnv } from '../../env.ts';
import { readBody } from '../../http/body.ts';
import { fail, ProblemError } from '../../http/problems.ts';
import { checkInFrom, doorRefusals, type RegistrationStatus } from '../../registrations/lifecycle.ts';
import { checkIn } from '../../registrations/service.ts';
import { auditBy } from '../admin/shared.ts';
import { services } from '../context.ts';
import { consoleContext } from './context.ts';
import { EVENT } from './events.tsx';

const DOOR = `/console/events/${EVENT}/door`;
/** Results the search without JavaScript shows. */
const SEARCH_LIMIT = 20;

const timeIn = (zone: string) => (iso: string) => formatTime(utcToLocal(Date.parse(iso), zone));

function ticketView(t: DoorTicket, zone: string): DoorTicketView {
  return {
    code: t.code,
    name: t.name,
    checkedIn: t.checkedInAt ? `${timeIn(zone)(t.checkedInAt)} by ${t.checkedInBy ?? 'the organisers'}` : null,
    refusal: doorRefusals[t.status] ?? null,
  };
}

const isIso = (text: string) =>
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/.test(text) && !Number.isNaN(Date.parse(text));

export const consoleDoor = new Hono<AppEnv>()
  .get(DOOR, can('check-in'), eventFromParam(), async (c) => {
    const event = c.var.event;
    const q = (c.req.query('q') ?? '').trim();
    if (q.length > 100) return fail('validation_failed', 'Search for at most 100 characters.');
    const [counts, found] = await Promise.all([
      countsByStatus(c.var.db, event.id),
      q ? searchTickets(c.var.db, event.id, q, normaliseTicketCode(q), SEARCH_LIMIT) : undefined,
    ]);
    // The one page that may use the camera: every other page refuses it.
    c.header('permissions-policy', permissionsPolicy({ camera: true }));
    return c.html(
      <DoorPage
        ctx={await consoleContext(c)}
        event={{ id: event.id, title: event.title, timeZone: event.timeZone }}
        counts={counts}
        q={q}
        results={found?.map((t) => ticketView(t, event.timeZone))}
      />,
    );
  })
  // The list a door page keeps on its device: check-in data only.
  .get(`${DOOR}/list`, can('check-in'), eventFromParam(), async (c) => {
    const since = c.req.query('since');
    if (since !== undefined && !isIso(since))
      return fail('validation_failed', '"since" is a time in UTC, such as 2026-12-10T18:30:00.000Z.');
    const list = await doorList(services(c), c.var.event.id, since);
    return c.json({
      eventId: c.var.event.id,
      full: since === undefined,
      admits: checkInFrom,
      refusals: doorRefusals,
      ...list,
    });
  })
  .post(`${DOOR}/sync`, can('check-in'), eventFromParam(), async (c) => {
    const body = await readBody(c);
    if (body.kind !== 'json') throw new ProblemError({ code: 'unsupported_media_type', message: 'Send JSON.' });
    const answer = await syncDoor(services(c), c.var.event.id, c.var.organiser.name, body.data);
    if (!answer.ok) throw new ProblemError(answer.problem);
    return c.json({ now: answer.now, results: answer.results });
  })
  // Checking in from the search results, without JavaScript: the organiser API's check-in.
  .post(`${DOOR}/check-in`, can('check-in'), eventFromParam(), async (c) => {
    const event = c.var.event;
    const field = (await c.req.parseBody()).code;
    const code = normaliseTicketCode(typeof field === 'string' ? field.slice(0, 40) : '');
    if (!code) return fail('validation_failed', 'Choose whom to check in.');
    const result = await checkIn(
      services(c),
      event,
      code,
      auditBy(c, 'check-in', { eventId: event.id, detail: { ticketCode: code, via: 'door form' } }),
    );
    const at = timeIn(event.timeZone);
    const answer: DoorAnswer = !result.ok
      ? {
          ok: false,
          title: 'Do not let in',
          name: (result.problem.extra?.name as string | undefined) ?? undefined,
          detail:
            result.problem.code === 'ticket_not_valid'
              ? (doorRefusals[result.problem.extra?.registrationStatus as RegistrationStatus] ?? result.problem.message)
              : result.problem.message,
        }
      : result.alreadyCheckedIn
        ? {
            ok: false,
            title: 'Already checked in',
            name: result.name,
            detail: `Checked in at ${at(result.checkedInAt)} by ${result.checkedInBy ?? 'the organisers'}.`,
          }
        : { ok: true, title: 'Checked in', name: result.name, detail: `Ticket ${result.ticketCode}` };
    const counts = await countsByStatus(c.var.db, event.id);
    c.header('permissions-policy', permissionsPolicy({ camera: true }));
    return c.html(
      <DoorPage
        ctx={await consoleContext(c)}
        event={{ id: event.id, title: event.title, timeZone: event.timeZone }}
        counts={counts}
        q=""
        answer={answer}
      />,
    );
  })
  // The service worker, from the console's path so that its scope may cover door pages (each door
  // page registers it for its own path); the file itself is built with the console's scripts.
  .get('/console/door-sw.js', async (c) => {
    const asset = await c.env.ASSETS.fetch(new URL('/scripts/console/door-sw.js', c.req.url));
    if (!asset.ok) return fail('not_found', 'The door service worker is not built.');
    return c.body(await asset.text(), 200, { 'content-type': 'text/javascript; charset=utf-8' });
  });
