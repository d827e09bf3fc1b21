// Gathers what a person's manage page shows and renders it.
import type { Context } from 'hono';
import { ticketUrl } from '../../../model/ticket.ts';
import type { CalendarState, ManagePageProps } from '../../../ui/manage-page.tsx';
import { ManagePage } from '../../../ui/manage-page.tsx';
import { holderMay, mayAggregate } from '../../access/middleware.ts';
import { hashSecret, newSecret } from '../../access/secrets.ts';
import { personalFeedOf, resetPersonalFeed, starsOf } from '../../db/calendars.ts';
import { waitlistPosition } from '../../db/registrations.ts';
import type { AppEnv } from '../../env.ts';
import { privateHeaders } from '../../http/security-headers.ts';
import { matchingData } from '../../matching/service.ts';
import type { FieldError } from '../../registrations/answers.ts';
import { mayChange, statusText } from '../../registrations/lifecycle.ts';
import { NOT_EMAILED } from '../../registrations/service.ts';
import { presentMatching } from './matching-view.ts';

const notices: Record<string, string> = {
  starred: 'Your agenda is updated.',
  welcome:
    'Thank you! We have also emailed you a link to this page. ' +
    'Keep it: it is how you manage your registration from any device.',
  'welcome-quiet': `Thank you! ${NOT_EMAILED}`,
  saved: 'Your answers are saved.',
  cancelled: 'Your registration is cancelled. Thank you for letting the organisers know.',
  links: 'Every earlier link to this page has stopped working. We have emailed you a new one.',
  'links-later':
    'This address has had several messages from us in the last hour, so nothing was changed. ' +
    'Try again in an hour: your links keep working until then.',
};

export type PageOverrides = {
  answerErrors?: FieldError[];
  answerValues?: Record<string, unknown>;
  profileErrors?: Record<string, string>;
  calendar?: CalendarState;
};

/** Makes (or replaces) the person's calendar link; the address is shown once, in this answer. */
export async function createPersonalFeed(c: Context<AppEnv>, personId: number): Promise<CalendarState> {
  const token = newSecret('c_');
  await resetPersonalFeed(c.var.db, personId, await hashSecret(token), c.var.now.toISOString());
  const url = new URL(c.req.url);
  return {
    kind: 'new',
    https: `${url.origin}/api/calendars/personal/${token}.ics`,
    webcal: `webcal://${url.host}/api/calendars/personal/${token}.ics`,
  };
}

export async function renderManagePage(c: Context<AppEnv>, o: PageOverrides = {}) {
  privateHeaders(c);
  const { registration: r, event } = c.var;
  const db = c.var.db;
  const active = mayChange(r.status, event);
  const aggregate = mayAggregate(c);
  const [position, stars, feed, site] = await Promise.all([
    waitlistPosition(db, r),
    starsOf(db, r.id),
    aggregate && r.personId !== null ? personalFeedOf(db, r.personId) : undefined,
    c.var.content.site(),
  ]);
  const calendar: CalendarState =
    o.calendar ?? (!aggregate ? { kind: 'unproven' } : feed ? { kind: 'exists' } : { kind: 'none' });
  const matching = active
    ? presentMatching(await matchingData(db, site.vocabulary, r), r, event, o.profileErrors)
    : undefined;
  const welcome = c.req.query('welcome');
  const done = c.req.query('done') ?? (welcome === 'quiet' ? 'welcome-quiet' : welcome ? 'welcome' : '');
  const answerErrors = Object.fromEntries((o.answerErrors ?? []).map((e) => [e.field, e.message]));
  const props: ManagePageProps = {
    mayStopLinks: holderMay(c, 'registration.links'),
    registration: { ...r, statusText: statusText[r.status] },
    event,
    active,
    position,
    stars,
    calendar,
    reminders: feed?.reminders,
    matching,
    notice: notices[done],
    answerErrors,
    answerValues: o.answerValues,
    ticketUrl: ticketUrl(site.siteUrl, r.ticketCode),
  };
  const invalid = (o.answerErrors?.length ?? 0) > 0 || Object.keys(o.profileErrors ?? {}).length > 0;
  return c.html(<ManagePage {...props} />, invalid ? 400 : 200);
}
