// "I can't make the new date": after a postponed event gets its new date, the message links here
// through the manage page; the person confirms on a page of its own (no JavaScript needed), and
// the registration is cancelled as any cancellation is, the freed place going to the next in line.
import { type Context, Hono } from 'hono';
import { mayDeclineNewDate, NewDatePage } from '../../../ui/event-change.tsx';
import { registrationHolder } from '../../access/middleware.ts';
import type { AppEnv } from '../../env.ts';
import { forgetAvailability } from '../../http/edge-cache.ts';
import { privateHeaders } from '../../http/security-headers.ts';
import { mayChange } from '../../registrations/lifecycle.ts';
import { cancel } from '../../registrations/service.ts';
import { services } from '../context.ts';
import { notFound } from './index.tsx';

const holder = registrationHolder(notFound);
const PATH = '/manage/:id{[0-9]+}/new-date';

/** Only while the event has a new date and the registration still holds or waits for a place. */
const open = (c: Context<AppEnv>) => mayDeclineNewDate(c.var.event, mayChange(c.var.registration.status, c.var.event));

export const manageNewDate = new Hono<AppEnv>()
  .get(PATH, holder, (c) => {
    const { registration: r, event } = c.var;
    if (!open(c)) return c.redirect(`/manage/${r.id}`, 303);
    privateHeaders(c);
    return c.html(<NewDatePage event={event} base={`/manage/${r.id}`} confirmed={r.status === 'confirmed'} />);
  })
  .post(PATH, holder, async (c) => {
    const { registration: r, event } = c.var;
    if (!open(c)) return c.redirect(`/manage/${r.id}`, 303);
    await cancel(services(c), event, r);
    await forgetAvailability(c, event.id);
    return c.redirect(`/manage/${r.id}?done=cancelled`, 303);
  });
