// Gathers what a person's manage page shows and renders it.
import type { Context } from 'hono';
import { ticketUrl } from '../../../model/ticket.ts';
import type { CalendarState, FeedLink } from '../../../ui/calendar-link.tsx';
import type { ManagePageProps } from '../../../ui/manage-page.tsx';
import { ManagePage } from '../../../ui/manage-page.tsx';
import { calendarKeyOf, openLink, sealLink } from '../../access/calendar-key.ts';
import { holderMay, mayAggregate } from '../../access/middleware.ts';
import { hashSecret, newSecret } from '../../access/secrets.ts';
import { type PersonalFeed, personalFeedOf, resetPersonalFeed, starsOf } from '../../db/calendars.ts';
import { waitlistPosition } from '../../db/registrations.ts';
import type { AppEnv } from '../../env.ts';
import { privateHeaders } from '../../http/security-headers.ts';
import { matchingData } from '../../matching/service.ts';
import { orderView } from '../../payments/order-view.ts';
import type { FieldError } from '../../registrations/answers.ts';
import { mayChange, statusText } from '../../registrations/lifecycle.ts';
import { NOT_EMAILED } from '../../registrations/service.ts';
import { presentMatching } from './matching-view.ts';

const notices: Record<string, string> = {
  starred: 'Your agenda is updated.',
  // Back from Stripe Checkout (its success_url): the webhook may arrive a moment later.
  'order-paid': 'Thank you! Your payment is done; your places are confirmed as soon as the payment provider tells us.',
  welcome:
    'Thank you! We have also emailed you a link to this page. ' +
    'Keep it: it is how you manage your registration from any device.',
  'welcome-quiet': `Thank you! ${NOT_EMAILED}`,
  saved: 'Your answers are saved.',
  cancelled:
    'Your registration is cancelled. Thank you for letting the organisers know. To come after all, register ' +
    'again on the event page while places remain.',
  'cancelled-refunded':
    'Your registration is cancelled, and your refund is on its way: we have emailed you the amount.',
  'cancelled-refund-later':
    'Your registration is cancelled, but the refund could not be made just now. The organisers are told and will refund it.',
  'cancel-buyer':
    'Nothing was cancelled: this place is part of an order that is not paid yet, and only the person who booked ' +
    'it can cancel the order. Once it is paid, you can cancel your own place here.',
  links: 'Every earlier link to this page has stopped working. We have emailed you a new one.',
  'links-later':
    'This address has had several messages from us in the last hour, so nothing was changed. ' +
    'Try again in an hour: your links keep working until then.',
};

/** What each "Meet people" action did, said inside that section (the page opens there). */
const matchingNotices: Record<string, string> = {
  'opted-in': 'You are in: the people suggested below chose to meet others too. Ask to meet anyone who fits.',
  'profile-saved': 'Your profile is saved; the suggestions below use it.',
  asked:
    'Your request is sent. They are listed under "Requested" until they answer; if they accept, you both see ' +
    "each other's email.",
  accepted: 'You are introduced: each of you now sees the other\'s email, under "Introduced". Say hello!',
  declined:
    'Declined. No email tells them (their page lists it as declined), and neither of you is suggested to the ' +
    'other again.',
  'opted-out':
    'You no longer take part in meeting people here: your profile is deleted and you are suggested to nobody. ' +
    'Opt in again below whenever you like.',
};

export type PageOverrides = {
  answerErrors?: FieldError[];
  answerValues?: Record<string, unknown>;
  profileErrors?: Record<string, string>;
  calendar?: CalendarState;
};

/** The person's calendar addresses, from its token. */
function feedLink(c: Context<AppEnv>, token: string): FeedLink {
  return { https: `${new URL(c.req.url).origin}/api/calendars/personal/${token}.ics` };
}

/** Makes (or replaces) the person's calendar link; the previous one stops at once. */
export async function createPersonalFeed(c: Context<AppEnv>, personId: number): Promise<CalendarState> {
  const token = newSecret('c_');
  const key = await calendarKeyOf(c.env);
  const sealed = key ? await sealLink(key, personId, token) : null;
  const replaced = (await personalFeedOf(c.var.db, personId)) !== undefined;
  await resetPersonalFeed(c.var.db, personId, await hashSecret(token), sealed, c.var.now.toISOString());
  return { kind: 'new', link: feedLink(c, token), replaced };
}

/** What the owner of a calendar link sees of it: the link itself when it was kept sealed. */
export async function calendarStateOf(c: Context<AppEnv>, feed: PersonalFeed | undefined): Promise<CalendarState> {
  if (!feed) return { kind: 'none' };
  const key = feed.tokenSealed ? await calendarKeyOf(c.env) : undefined;
  const token = key && feed.tokenSealed ? await openLink(key, feed.personId, feed.tokenSealed) : undefined;
  return { kind: 'exists', link: token ? feedLink(c, token) : undefined };
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
  const order = await orderView(db, event, r, site.siteUrl);
  const calendar: CalendarState = o.calendar ?? (aggregate ? await calendarStateOf(c, feed) : { kind: 'unproven' });
  const welcome = c.req.query('welcome');
  const done =
    c.req.query('done') ??
    (c.req.query('order') === 'paid' ? 'order-paid' : welcome === 'quiet' ? 'welcome-quiet' : welcome ? 'welcome' : '');
  const matching = active
    ? presentMatching(await matchingData(db, site.vocabulary, r), r, event, o.profileErrors, matchingNotices[done])
    : undefined;
  const answerErrors = Object.fromEntries((o.answerErrors ?? []).map((e) => [e.field, e.message]));
  const props: ManagePageProps = {
    mayStopLinks: holderMay(c, 'registration.links'),
    registration: { ...r, statusText: statusText[r.status] },
    event,
    active,
    // A place waiting for payment is not active, but its buyer may cancel it (with the whole order).
    mayCancel: active || (r.status === 'awaiting_payment' && order?.role === 'buyer' && event.status !== 'cancelled'),
    position,
    stars,
    calendar,
    reminders: feed?.reminders,
    matching,
    notice: matchingNotices[done] ? undefined : notices[done],
    answerErrors,
    answerValues: o.answerValues,
    ticketUrl: ticketUrl(site.siteUrl, r.ticketCode),
    order,
  };
  const invalid = (o.answerErrors?.length ?? 0) > 0 || Object.keys(o.profileErrors ?? {}).length > 0;
  return c.html(<ManagePage {...props} />, invalid ? 400 : 200);
}
