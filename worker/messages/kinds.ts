// Every kind of message a person can receive.
export const messageKinds = [
  'received',
  'confirmed',
  'waitlisted',
  'promoted',
  'accepted',
  'accepted-waitlisted',
  'declined',
  'cancelled',
  'manage-link',
  'intro-request',
  'intro-accepted',
  'sign-in',
  'my-links',
  'invitation',
  'mailing',
  // When the event changes (messages/announce.ts): once per deploy that changes it.
  'event-cancelled',
  'event-restored',
  'event-restored-refunded',
  'event-postponed',
  'event-rescheduled',
  'programme-changed',
  // Paid tickets (#15): money given back, a late payment refunded, a link to pay for a place held.
  'refunded',
  'late-payment-refunded',
  'payment-link',
  'payment-expired',
  'second-payment-refunded',
] as const;
export type MessageKind = (typeof messageKinds)[number];

/** Messages that carry the event's .ics. */
export const withCalendar = (kind: MessageKind) => kind === 'confirmed' || kind === 'promoted' || kind === 'accepted';

/**
 * At most this many messages caused by public actions (registering, cancelling, asking for a link)
 * go to one address about one event in an hour, so nobody can flood an inbox through us. Messages
 * caused by organisers or by a place opening up always go.
 */
export const PUBLIC_MESSAGES_PER_HOUR = 3;
