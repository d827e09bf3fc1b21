// The registration lifecycle: every state a registration can be in, every action that moves it,
// from which states, to which state, and which message tells the person. Pure data. The database
// guards (db/registrations.ts), the route checks, the manage page and the door all read it here.
import type { MessageKind } from '../messages/kinds.ts';

export const registrationStatuses = [
  'pending',
  'confirmed',
  'waitlisted',
  'declined',
  'cancelled',
  /** The event itself is cancelled; status_before keeps the state to return to if it is set on again. */
  'event_cancelled',
  /** A paid place held until its order's expires_at: counted against capacity like a confirmed one. */
  'awaiting_payment',
] as const;
export type RegistrationStatus = (typeof registrationStatuses)[number];

export type Transition = {
  /** States the action may start from. */
  from: readonly RegistrationStatus[];
  /** The state it leads to ('previous': the one kept in status_before). */
  to: RegistrationStatus | 'previous';
  /** What the person is told. */
  message: MessageKind;
  /** Whether it needs a free place (the capacity rule, checked atomically). */
  needsPlace?: boolean;
  /** What this action is called in refusals: "cannot be approved". */
  verb: string;
  /** The problem code a refusal answers with. */
  refusal: 'not_pending' | 'not_cancellable' | 'not_waitlisted' | 'not_declined' | 'not_awaiting_payment';
  /** Still open when the event's content says it is cancelled: people may leave; nothing else moves. */
  whileEventCancelled?: true;
  /**
   * Taken by the cron for every registration of the event at once, exactly once per deploy that
   * changes the event's status (messages/announce.ts); never by a person.
   */
  byContent?: true;
  /** Taken when a payment arrives or its hold runs out (payments/), never by a person. */
  byPayment?: true;
};

export const lifecycle = {
  approve: {
    from: ['pending'],
    to: 'confirmed',
    message: 'accepted',
    needsPlace: true,
    verb: 'approved',
    refusal: 'not_pending',
  },
  /**
   * Approving an application when the event is full and keeps a waitlist: the person is accepted and
   * waits in line for a place (instead of the approval being refused).
   */
  acceptToWaitlist: {
    from: ['pending'],
    to: 'waitlisted',
    message: 'accepted-waitlisted',
    verb: 'accepted onto the waitlist',
    refusal: 'not_pending',
  },
  /**
   * Approving an application for a paid ticket: the place is held while the person pays, and the
   * message is a payment link (db/payment-holds.ts makes the order).
   */
  approveToPay: {
    from: ['pending'],
    to: 'awaiting_payment',
    message: 'payment-link',
    needsPlace: true,
    verb: 'approved',
    refusal: 'not_pending',
  },
  decline: { from: ['pending'], to: 'declined', message: 'declined', verb: 'declined', refusal: 'not_pending' },
  /** Undoing a decline: the person gets a place after all, while places remain. */
  undecline: {
    from: ['declined'],
    to: 'confirmed',
    message: 'accepted',
    needsPlace: true,
    verb: 'restored',
    refusal: 'not_declined',
  },
  /**
   * A place waiting for its payment is cancelled with its whole order (payments/cancel-hold.ts):
   * the hold released, the Checkout Session expired, the places going to the next in line.
   */
  cancel: {
    from: ['confirmed', 'waitlisted', 'pending', 'awaiting_payment'],
    to: 'cancelled',
    message: 'cancelled',
    verb: 'cancelled',
    refusal: 'not_cancellable',
    whileEventCancelled: true,
  },
  promote: {
    from: ['waitlisted'],
    to: 'confirmed',
    message: 'promoted',
    needsPlace: true,
    verb: 'promoted',
    refusal: 'not_waitlisted',
  },
  /** A place opened on a paid ticket: held for the next person in line while they pay. */
  promoteToPay: {
    from: ['waitlisted'],
    to: 'awaiting_payment',
    message: 'payment-link',
    needsPlace: true,
    verb: 'promoted',
    refusal: 'not_waitlisted',
  },
  /** The payment arrived (Stripe's webhook): the held place is confirmed. */
  pay: {
    from: ['awaiting_payment'],
    to: 'confirmed',
    message: 'confirmed',
    verb: 'confirmed as paid',
    refusal: 'not_awaiting_payment',
    byPayment: true,
  },
  /** The hold ran out without a payment: the place is free again (and goes to the next in line). */
  releaseHold: {
    from: ['awaiting_payment'],
    to: 'cancelled',
    message: 'payment-expired',
    verb: 'released',
    refusal: 'not_awaiting_payment',
    byPayment: true,
  },
  /** The event is cancelled (content `status: cancelled`): everyone is told, with the organisers' note. */
  cancelEvent: {
    from: ['confirmed', 'waitlisted', 'pending'],
    to: 'event_cancelled',
    message: 'event-cancelled',
    verb: 'set aside with the event',
    refusal: 'not_cancellable',
    byContent: true,
  },
  /** The event is on again: everyone returns to the state they had, and is told. */
  restoreEvent: {
    from: ['event_cancelled'],
    to: 'previous',
    message: 'event-restored',
    verb: 'restored with the event',
    refusal: 'not_cancellable',
    byContent: true,
  },
  /**
   * The event is on again, but the person's order was refunded in full meanwhile (its
   * cancellation's refund): no place comes back unpaid; the registration ends, and the message
   * says the money was refunded and how to register again. Taken instead of restoreEvent, in the
   * same statement (db/announcements.ts).
   */
  restoreRefunded: {
    from: ['event_cancelled'],
    to: 'cancelled',
    message: 'event-restored-refunded',
    verb: 'ended with its refund',
    refusal: 'not_cancellable',
    byContent: true,
  },
} as const satisfies Record<string, Transition>;

export type LifecycleAction = keyof typeof lifecycle;

/**
 * Which transition a place-giving action takes for a registration: one with a paid ticket
 * (price_minor > 0) is held for payment instead of confirmed.
 */
export const placeActions = {
  approve: { free: 'approve', paid: 'approveToPay' },
  promote: { free: 'promote', paid: 'promoteToPay' },
} as const satisfies Record<string, { free: LifecycleAction; paid: LifecycleAction }>;

export const placeAction = (action: keyof typeof placeActions, priceMinor: number | null) =>
  placeActions[action][(priceMinor ?? 0) > 0 ? 'paid' : 'free'];

/** Checking in keeps the state; only these states may pass the door. */
export const checkInFrom: readonly RegistrationStatus[] = ['confirmed'];

/**
 * States that hold or wait for a place: the person may still change answers, stars and profile.
 * (A place awaiting payment may be cancelled, but is not active until paid.)
 */
export const activeStatuses: readonly RegistrationStatus[] = ['confirmed', 'waitlisted', 'pending'];

/**
 * States in which an address holds its one registration at an event: it may register again only
 * once that one is cancelled. (The unique index registrations_active_email says the same.)
 */
export const claimsAddress: readonly RegistrationStatus[] = registrationStatuses.filter((s) => s !== 'cancelled');

export const allows = (action: LifecycleAction, status: RegistrationStatus): boolean =>
  (lifecycle[action].from as readonly RegistrationStatus[]).includes(status);

export const isActive = (status: RegistrationStatus) => activeStatuses.includes(status);

export const checkInAllowed = (status: RegistrationStatus) => checkInFrom.includes(status);

/** What the person reads about their registration on their own page. */
export const statusText: Record<RegistrationStatus, string> = {
  confirmed: 'Your place is confirmed.',
  waitlisted: 'You are on the waitlist.',
  pending: 'Your application is waiting for the organisers’ decision.',
  declined: 'Your application was not accepted this time.',
  cancelled: 'This registration is cancelled.',
  event_cancelled: 'Your registration ended with the event.',
  awaiting_payment: 'Your place is held until you pay; it is confirmed once the payment arrives.',
};

/** Why the door refuses a registration in each state that cannot check in. */
export const doorRefusals: Partial<Record<RegistrationStatus, string>> = {
  cancelled: 'This registration was cancelled.',
  pending: 'This application has not been accepted yet.',
  waitlisted: 'This person is on the waitlist, without a place.',
  declined: 'This application was declined.',
  event_cancelled: 'This event is cancelled.',
  awaiting_payment: 'This place is not paid yet.',
};

/**
 * Why an action waits while the event's content says it is cancelled (approvals, promotions, the
 * door, answers, stars, meetings), from the deploy on, before the cron has moved anyone; none when
 * it may go ahead.
 */
export function eventCancelledRefusal(
  event: { title: string; status: string },
  what: string,
): { code: 'event_cancelled'; message: string } | undefined {
  if (event.status !== 'cancelled') return undefined;
  return { code: 'event_cancelled', message: `${event.title} is cancelled, so ${what}.` };
}

/** Whether the person may still change answers, stars and profile: active, at an event that is on. */
export const mayChange = (status: RegistrationStatus, event: { status: string }) =>
  isActive(status) && event.status !== 'cancelled';
