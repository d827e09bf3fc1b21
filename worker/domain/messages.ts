// The words of every message a person receives. Bodies keep two placeholders, {{name}} and
// {{manage_url}}, filled at delivery: the manage link is minted then, so no secret sits in the outbox.
import type { CatalogueEvent } from '../../model/catalogue.ts';
import type { MessageKind } from '../db/schema.ts';

export type MessageText = { subject: string; body: string };

function when(event: CatalogueEvent): string {
  return `${event.start.replace('T', ' ').slice(0, 16)} to ${event.end.replace('T', ' ').slice(0, 16)} (${event.timeZone})`;
}

export function messageFor(kind: MessageKind, event: CatalogueEvent, decisionMessage?: string | null): MessageText {
  const footer = `\n\nManage your registration (update answers, cancel): {{manage_url}}\n\n${event.title}\n${when(event)}\n${event.venue.name}, ${event.venue.address}\n${event.url}`;
  const note = decisionMessage ? `\n\nA note from the organisers:\n${decisionMessage}` : '';
  const texts: Record<MessageKind, MessageText> = {
    received: {
      subject: `Application received: ${event.title}`,
      body: `Hello {{name}},\n\nThank you for applying to ${event.title}. The organisers review every application and will write to you with their decision.`,
    },
    confirmed: {
      subject: `You're registered: ${event.title}`,
      body: `Hello {{name}},\n\nYour place at ${event.title} is confirmed. Your ticket is on your manage page; the calendar file is attached.`,
    },
    waitlisted: {
      subject: `You're on the waitlist: ${event.title}`,
      body: `Hello {{name}},\n\n${event.title} is full, so you are on the waitlist. If a place opens, it goes to the next person in line automatically and we will tell you at once. Your position is on your manage page.`,
    },
    promoted: {
      subject: `A place opened up: ${event.title}`,
      body: `Hello {{name}},\n\nA place opened up and it is yours: your registration for ${event.title} is now confirmed. The calendar file is attached.`,
    },
    accepted: {
      subject: `Application accepted: ${event.title}`,
      body: `Hello {{name}},\n\nGood news: your application to ${event.title} is accepted and your place is confirmed.${note}`,
    },
    declined: {
      subject: `About your application: ${event.title}`,
      body: `Hello {{name}},\n\nThank you for applying to ${event.title}. We are sorry that we cannot offer you a place this time.${note}`,
    },
    cancelled: {
      subject: `Registration cancelled: ${event.title}`,
      body: `Hello {{name}},\n\nYour registration for ${event.title} is cancelled.${note} If this was a mistake, you can register again while places remain.`,
    },
    'intro-request': {
      subject: `Someone would like to meet you at ${event.title}`,
      body: `Hello {{name}},\n\n${decisionMessage ?? 'Someone'} Accept or decline on your manage page; your email stays private unless you accept.`,
    },
    'intro-accepted': {
      subject: `Introduction accepted: ${event.title}`,
      body: `Hello {{name}},\n\n${decisionMessage ?? 'Your introduction was accepted.'} Their contact details are on your manage page.`,
    },
    'manage-link': {
      subject: `Your registration link: ${event.title}`,
      body: `Hello {{name}},\n\nSomeone (probably you) tried to register again with this address. You are already registered for ${event.title}; here is your link again.`,
    },
  };
  const text = texts[kind];
  return {
    subject: text.subject,
    body:
      kind === 'declined' || kind === 'cancelled' ? `${text.body}\n\n${event.title}\n${event.url}` : text.body + footer,
  };
}

/** Messages that carry the event's .ics. */
export const withCalendar = (kind: MessageKind) => kind === 'confirmed' || kind === 'promoted' || kind === 'accepted';
