// Giving a solidarity ticket: owners and managers approve a pending application with one of the
// solidarity tickets buyers paid for; it takes a place only then (db/solidarity.ts). And the paid
// ticket's section of a registration's page.
import { type Context, Hono } from 'hono';
import { multiLine } from '../../../model/text.ts';
import { formatMoney } from '../../../model/tickets.ts';
import { eventPath } from '../../../ui/console/layout.tsx';
import { RegistrationPayment } from '../../../ui/console/registration-payment.tsx';
import { ProblemPage } from '../../../ui/pages.tsx';
import { can, eventFromParam } from '../../access/middleware.ts';
import { organiserMay } from '../../access/rules.ts';
import { findRegistration, type Registration } from '../../db/registrations.ts';
import { availableSolidarity, giveSolidarityTicket } from '../../db/solidarity.ts';
import type { AppEnv } from '../../env.ts';
import { readBody } from '../../http/body.ts';
import { forgetAvailability } from '../../http/edge-cache.ts';
import { fail } from '../../http/problems.ts';
import { deliver } from '../../registrations/service.ts';
import { auditBy } from '../admin/shared.ts';
import { services } from '../context.ts';
import { consoleContext } from './context.ts';
import { EVENT } from './events.tsx';

export const consoleSolidarity = new Hono<AppEnv>().post(
  `/console/events/${EVENT}/registrations/:id{[0-9]{1,12}}/solidarity`,
  can('registrations.decide'),
  eventFromParam(),
  async (c) => {
    const event = c.var.event;
    const id = Number(c.req.param('id'));
    const r = await findRegistration(c.var.db, event.id, id);
    if (!r) return fail('registration_not_found', `There is no registration ${id} for this event.`);
    const back = `${eventPath(event.id)}/registrations/${id}`;
    const { data } = await readBody(c);
    const raw = data && typeof data === 'object' ? (data as Record<string, unknown>).message : undefined;
    const note = typeof raw === 'string' ? multiLine(raw).trim() : '';
    const refuse = (message: string, status: 400 | 409) =>
      c.html(<ProblemPage title="Not approved" message={message} back={{ href: back, label: 'Back' }} />, status);
    if (note.length > 1000) return refuse('The note is longer than 1,000 characters.', 400);
    const audit = auditBy(c, 'registration.approve-solidarity', { eventId: event.id, registrationId: id });
    const given = await giveSolidarityTicket(c.var.db, event, id, note || null, c.var.now.toISOString(), audit);
    if (!given) {
      const left = await availableSolidarity(c.var.db, event.id);
      return refuse(
        r.status !== 'pending'
          ? `This registration is ${r.status}, not a pending application.`
          : left === 0
            ? 'No solidarity ticket is available: every one bought has been given.'
            : `${event.title} has no free place left to accept this application.`,
        409,
      );
    }
    deliver(services(c));
    await forgetAvailability(c, event.id);
    return c.redirect(`${back}?done=approve`, 303);
  },
);

/** The paid-ticket section of a registration's console page (nothing on a free event). */
export async function registrationPayment(c: Context<AppEnv>, r: Registration) {
  const event = c.var.event;
  const tickets = event.tickets ?? [];
  if (tickets.length === 0) return null;
  const type = tickets.find((t) => t.id === r.ticketType);
  const mayGive =
    r.status === 'pending' &&
    tickets.some((t) => t.solidarity) &&
    organiserMay(c.var.organiser, 'registrations.decide', event.id).ok;
  return (
    <RegistrationPayment
      ctx={await consoleContext(c)}
      eventId={event.id}
      registrationId={r.id}
      name={r.name}
      ticket={
        r.ticketType
          ? {
              type: type?.name ?? r.ticketType,
              price: formatMoney(r.priceMinor ?? 0, tickets[0]!.currency),
              orderId: r.orderId,
            }
          : undefined
      }
      solidarity={mayGive ? await availableSolidarity(c.var.db, event.id) : undefined}
    />
  );
}
