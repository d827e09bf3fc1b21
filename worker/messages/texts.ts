// The words of every message a person receives. Bodies hold placeholders filled at delivery:
// {{name}}, {{manage_url}} and {{unsubscribe_url}} (links minted then, so no secret sits in the
// outbox), and {{note}} and {{other}} for text someone typed, stored apart and never read as a template.
// {{ticket_code}} is filled as the message is queued, from the registration in the same statement.

import { mapLink } from '../../model/calendar-links.ts';
import type { CatalogueEvent } from '../../model/catalogue.ts';
import type { Facts, ProgrammeChange } from '../../model/programme.ts';
import { isPaidEvent } from '../../model/tickets.ts';
import { formatRange, formatWhen } from '../../model/time-format.ts';
import { eventVenues, venueLine } from '../../model/venues.ts';
import type { MessageKind } from './kinds.ts';

export type MessageText = { subject: string; body: string };

/** Values that people typed, kept apart from the template and inserted as plain text. */
export type MessageParams = { note?: string | null; other?: string | null };

export const placeholders = ['name', 'manage_url', 'note', 'other', 'unsubscribe_url'] as const;

/** The marker in a programme digest's body where the database writes each person's list of changes. */
export const CHANGES = '{{changes}}';
type Placeholder = (typeof placeholders)[number];

/** Each venue with a map link (OpenStreetMap: a plain link, no tracking); sessions name theirs in the programme. */
function where(event: CatalogueEvent): string {
  const venues = eventVenues(event).map((v) => `${venueLine(v)}\nMap: ${mapLink(v)}`);
  return venues.length > 1 ? `Where, by session (see the programme):\n${venues.join('\n')}` : `Where: ${venues[0]}`;
}

/** Messages about one registration (the person-level ones, sign-in and my-links, are composed at delivery). */
export type RegistrationMessageKind = Exclude<MessageKind, 'sign-in' | 'my-links' | 'invitation' | 'mailing'>;

export function messageFor(
  kind: RegistrationMessageKind,
  event: CatalogueEvent,
  params: MessageParams = {},
): MessageText {
  const details = `${event.title}\nWhen: ${formatWhen(event)}\n${where(event)}\n${event.url}`;
  const footer = `\n\nManage your registration (update answers, cancel): {{manage_url}}\n\n${details}`;
  const note = params.note ? '\n\nA note from the organisers:\n{{note}}' : '';
  const hello = 'Hello {{name}},\n\n';
  const ticket = '\n\nYour ticket code is {{ticket_code}}: show it, or the QR code on your manage page, at the door.';
  const texts: Record<RegistrationMessageKind, MessageText> = {
    received: {
      subject: `Application received: ${event.title}`,
      body:
        `${hello}Thank you for applying to ${event.title}. ` +
        'The organisers review every application and will write to you with their decision.',
    },
    confirmed: {
      subject: `You're registered: ${event.title}`,
      body:
        `${hello}Your place at ${event.title} is confirmed. ` +
        `Your ticket is on your manage page; the calendar file is attached.${ticket}`,
    },
    waitlisted: {
      subject: `You're on the waitlist: ${event.title}`,
      body:
        `${hello}${event.title} is full, so you are on the waitlist. If a place opens, it goes to the next ` +
        'person in line automatically and we will tell you at once. Your position is on your manage page.' +
        (isPaidEvent(event) ? ' Nothing is charged now: if a place opens for you, we send a link to pay for it.' : ''),
    },
    promoted: {
      subject: `A place opened up: ${event.title}`,
      body:
        `${hello}A place opened up and it is yours: your registration for ${event.title} is now confirmed. ` +
        `The calendar file is attached.${ticket}`,
    },
    accepted: {
      subject: `Application accepted: ${event.title}`,
      body: `${hello}Good news: your application to ${event.title} is accepted and your place is confirmed.${ticket}${note}`,
    },
    'accepted-waitlisted': {
      subject: `Application accepted, on the waitlist: ${event.title}`,
      body:
        `${hello}Your application to ${event.title} is accepted. The event is full, so you are on the waitlist: ` +
        `if a place opens, it goes to the next person in line automatically and we will tell you at once.${note}`,
    },
    declined: {
      subject: `About your application: ${event.title}`,
      body:
        `${hello}Thank you for applying to ${event.title}. ` +
        `We are sorry that we cannot offer you a place this time.${note}`,
    },
    cancelled: {
      subject: `Registration cancelled: ${event.title}`,
      body:
        `${hello}Your registration for ${event.title} is cancelled.${note} ` +
        'If this was a mistake, you can register again while places remain.',
    },
    'intro-request': {
      subject: `Someone would like to meet you at ${event.title}`,
      body:
        `${hello}{{other}} would like to meet you${params.note ? ':\n\n{{note}}\n\n' : '. '}` +
        'Accept or decline on your manage page; your email stays private unless you accept.',
    },
    'intro-accepted': {
      subject: `Introduction accepted: ${event.title}`,
      body: `${hello}{{other}} accepted your introduction. Their contact details are on your manage page.`,
    },
    'manage-link': {
      subject: `Your registration link: ${event.title}`,
      body: `${hello}Someone (probably you) asked for the link to your registration for ${event.title}. Here it is.`,
    },
    'event-cancelled': {
      subject: `Cancelled: ${event.title}`,
      body:
        `${hello}We are sorry: ${event.title} (${formatWhen(event)}) is cancelled.${note}\n\n` +
        'There is nothing you need to do: your registration ends with the event. If it is ever set on ' +
        'again, your registration comes back as it was and we will write to you.',
    },
    'event-restored': {
      subject: `Going ahead after all: ${event.title}`,
      body:
        `${hello}Good news: ${event.title} is going ahead after all. Your registration is back as it was ` +
        'before the cancellation; your manage page shows where you stand.' +
        (event.status === 'postponed' ? ' Its new date is not set yet: we will write to you when it is.' : ''),
    },
    // An order refunded in full when the event was cancelled gives no place back unpaid.
    'event-restored-refunded': {
      subject: `Going ahead after all: ${event.title}`,
      body:
        `${hello}Good news: ${event.title} is going ahead after all. Your order was refunded in full when the ` +
        'event was cancelled, so your registration ended with it: nothing is charged, and no place is kept for ' +
        'you. To come, register again on the event page (below) while places remain.',
    },
    'event-postponed': {
      subject: `Postponed: ${event.title}`,
      body:
        `${hello}${event.title} is postponed: it will not take place on ${formatRange(event.start, event.end)}. ` +
        'You keep your registration as it is, and we will write to you as soon as the new date is set.',
    },
    'event-rescheduled': {
      subject: `New date: ${event.title}`,
      body:
        `${hello}${event.title} has a new date: ${formatWhen(event)}. Your registration stays as it is.\n\n` +
        'If you cannot make the new date, tell us on your manage page with one click, and your place goes to ' +
        'the next person waiting:\n{{manage_url}}#new-date',
    },
    'programme-changed': {
      subject: `Programme changes: ${event.title}`,
      body: `${hello}The programme of ${event.title} has changed:\n\n${CHANGES}`,
    },
    // {{other}} is the amount, written by payments/refunds.ts ("CA$60.00").
    refunded: {
      subject: `Refund: ${event.title}`,
      body:
        `${hello}We have refunded {{other}} of your order for ${event.title}.${note} ` +
        'It goes back to the card or account you paid with, usually within 5 to 10 days.',
    },
    'late-payment-refunded': {
      subject: `Your payment was refunded: ${event.title}`,
      body:
        `${hello}Your payment for ${event.title} arrived after the time we held your place, and the place ` +
        'went to someone else meanwhile. We are sorry: we have refunded {{other}} in full, so you are not ' +
        'charged for a place that does not exist. It goes back within 5 to 10 days.',
    },
    'payment-link': {
      subject: `Pay for your place: ${event.title}`,
      body:
        `${hello}A place at ${event.title} is yours once you pay for it. We hold it for you until {{other}}.${note}\n\n` +
        'Pay here (the link opens the secure payment page):\n{{manage_url}}?pay\n\n' +
        'If you cannot come after all, let the time pass: the place then goes to the next person and nothing is charged.',
    },
    'second-payment-refunded': {
      subject: `A second payment was refunded: ${event.title}`,
      body:
        `${hello}Your order for ${event.title} was paid twice: a second payment arrived after the first. ` +
        'We have refunded the second one, {{other}}, in full; it goes back within 5 to 10 days. ' +
        'Your order itself is unchanged: your manage page shows it.',
    },
    'payment-expired': {
      subject: `Your place was released: ${event.title}`,
      body:
        `${hello}We held a place at ${event.title} for you, but no payment arrived in time, so the place ` +
        'is free again and nothing was charged. You can register again while places remain.',
    },
  };
  const text = texts[kind];
  const short =
    kind === 'declined' || kind === 'cancelled' || kind === 'event-cancelled' || kind === 'event-restored-refunded';
  const closing = short ? `\n\n${event.title}\n${event.url}` : footer;
  return { subject: text.subject, body: text.body + closing };
}

const whenAndWhere = (f: Facts) => [formatRange(f.start, f.end), f.room, f.venue].filter(Boolean).join(', ');

/** One item of a programme digest: what it is, and what it was and is now. */
export function changeText(change: ProgrammeChange): string {
  const { before, after } = change;
  const name = change.title ?? 'The event';
  if (after.status === 'cancelled' && before.status !== 'cancelled')
    return `${name}: cancelled\nwas: ${whenAndWhere(before)}`;
  const back = before.status === 'cancelled' && after.status !== 'cancelled' ? ': back on' : '';
  return `${name}${back}\nwas: ${whenAndWhere(before)}\nnow: ${whenAndWhere(after)}`;
}

/**
 * Fills the placeholders in one pass: values are inserted as they are and never scanned again, so
 * text someone typed ("{{manage_url}}" in a note) stays text.
 */
export function fillPlaceholders(body: string, values: Partial<Record<Placeholder, string>>): string {
  return body.replace(
    /\{\{(name|manage_url|note|other|unsubscribe_url)\}\}/g,
    (_, key: Placeholder) => values[key] ?? '',
  );
}

/** A message to a person rather than about one registration: signing in. */
export function signInMessage(url: string, code: string, minutes: number): MessageText {
  return {
    subject: 'Your sign-in link for Gathering',
    body:
      `Hello,\n\nTo sign in to Gathering, open this link within ${minutes} minutes:\n\n${url}\n\n` +
      `Or type this code on the sign-in page: ${code}\n\n` +
      'If you did not ask to sign in, ignore this message: nothing happens without the link or the code.',
  };
}

/** The links to every registration of an address, for people who lost them. */
export function myLinksMessage(name: string, links: { title: string; when: string; url: string }[]): MessageText {
  const list = links.map((l) => `${l.title}\n${l.when}\n${l.url}`).join('\n\n');
  return {
    subject: 'Your registrations on Gathering',
    body:
      `Hello ${name},\n\nHere are the links to your registrations. Each opens your ticket and lets you ` +
      `manage your place.\n\n${list}\n\nIf you did not ask for them, you can ignore this message.`,
  };
}
