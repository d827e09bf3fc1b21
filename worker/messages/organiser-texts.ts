// The words of messages organisers cause: an invitation to join the team, and a message written to
// attendees. What an organiser typed goes in as {{note}} (texts.ts), so it is never read as a template.
import type { CatalogueEvent } from '../../model/catalogue.ts';
import { formatWhen } from '../../model/time-format.ts';
import type { MessageText } from './texts.ts';

/** Invitations to organise work once, for this many days. */
export const INVITATION_DAYS = 7;

const roleWords: Record<string, string> = {
  owner: 'an owner (everything, including the team and tokens)',
  manager: 'a manager (registrations, messages, the team)',
  viewer: 'a viewer (reads registrations)',
  'check-in': 'door staff (checks people in)',
};

/** The invitation, composed at delivery with a link minted then. */
export function invitationMessage(i: {
  url: string;
  email: string;
  role: string;
  invitedBy: string;
  /** Titles of the events, or null for every event. */
  events: string[] | null;
}): MessageText {
  const scope = i.events ? `for ${i.events.join(', ')}` : 'for every event';
  return {
    subject: 'You are invited to organise events on Gathering',
    body:
      `Hello,\n\n${i.invitedBy} invites you to join the organisers as ${roleWords[i.role] ?? i.role}, ${scope}.\n\n` +
      `To accept, open this link within ${INVITATION_DAYS} days (it works once):\n\n${i.url}\n\n` +
      `You will sign in with this address (${i.email}) first. ` +
      'If you did not expect this invitation, ignore this message: nothing happens without the link.',
  };
}

/**
 * The template of a message organisers wrote to attendees: a greeting, their text ({{note}}) and the
 * event. An announcement (not about the person's own registration) ends with the way to stop them;
 * any other message with the link to the person's registration.
 */
export function mailingTemplate(event: CatalogueEvent, announcement: boolean): string {
  const details = `${event.title}\n${formatWhen(event)}\n${event.url}`;
  const closing = announcement
    ? `You receive this because you registered for ${event.title}. ` +
      'To stop announcements about this event, open: {{unsubscribe_url}}'
    : 'Your registration (update answers, cancel): {{manage_url}}';
  return `Hello {{name}},\n\n{{note}}\n\n--\n${details}\n\n${closing}`;
}
