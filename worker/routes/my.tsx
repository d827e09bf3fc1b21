// My Gathering: a signed-in person's page across events.

import type { Context } from 'hono';
import { Hono } from 'hono';
import { formatUtc, formatWhen } from '../../model/time-format.ts';
import type { CalendarState } from '../../ui/calendar-link.tsx';
import { MyPage, type MyPageProps } from '../../ui/my-page.tsx';
import { signedIn } from '../access/middleware.ts';
import { personalFeedOf } from '../db/calendars.ts';
import type { AppEnv } from '../env.ts';
import { privateHeaders } from '../http/security-headers.ts';
import { emailMyLinks, myGathering } from '../people/service.ts';
import { statusText } from '../registrations/lifecycle.ts';
import { services } from './context.ts';
import { confirmationPage, confirmFirst } from './manage/confirm.tsx';
import { calendarStateOf, createPersonalFeed } from './manage/page.tsx';

const notices: Record<string, string> = {
  links: 'We have emailed you the links to your registrations.',
};

async function render(c: Context<AppEnv>, calendar?: CalendarState) {
  privateHeaders(c);
  const person = c.var.person;
  const data = await myGathering(services(c), person);
  const props: MyPageProps = {
    email: person.email,
    notice: notices[c.req.query('done') ?? ''],
    registrations: data.registrations.flatMap((r) => {
      const event = data.events.get(r.eventId);
      if (!event) return [];
      const ticketCode = r.status === 'confirmed' ? r.ticketCode : null;
      return [
        {
          id: r.id,
          eventTitle: event.title,
          when: formatWhen(event),
          statusText: statusText[r.status],
          ticketCode,
        },
      ];
    }),
    calendar: calendar ?? (await calendarStateOf(c, data.feed)),
    reminders: data.reminders,
    messages: data.messages.map((m) => ({ subject: m.subject, at: formatUtc(m.sentAt ?? m.at), status: m.status })),
    signIns: data.signIns.map((s) => ({ at: formatUtc(s.at), agent: s.agent, method: s.method })),
    organiser: data.organiser ?? undefined,
  };
  return c.html(<MyPage {...props} />);
}

const myCalendar = { action: '/my/calendar', back: '/my/#calendar' };
const hasFeed = async (c: Context<AppEnv>) => (await personalFeedOf(c.var.db, c.var.person.id)) !== undefined;

export const my = new Hono<AppEnv>()
  .get('/my/', signedIn(), (c) => render(c))
  .get('/my', (c) => c.redirect('/my/', 301))
  .get('/my/calendar', signedIn(), (c) => confirmationPage(c, 'calendar-reset', myCalendar.action, myCalendar.back))
  .post(
    '/my/calendar',
    signedIn(),
    confirmFirst('calendar-reset', () => myCalendar, hasFeed),
    async (c) => render(c, await createPersonalFeed(c, c.var.person.id)),
  )
  .post('/my/links', signedIn(), async (c) => {
    await emailMyLinks(services(c), c.var.person.emailKey);
    return c.redirect('/my/?done=links', 303);
  });
