// Whether an event takes registrations at a moment, on what terms, and the capacity rule. Pure:
// the event and the clock in, a decision out. The site uses it at build time, the worker per
// request; db/registrations.ts enforces the same capacity rule atomically in SQL.

import type { CallToAction } from './call-to-action.ts';
import type { CatalogueEvent } from './catalogue.ts';
import { localToUtc } from './time.ts';
import { cityTime, formatDay, formatTime } from './time-format.ts';

export type Refusal = {
  code:
    | 'event_cancelled'
    | 'event_postponed'
    | 'event_over'
    | 'registration_closed'
    | 'registration_external'
    | 'registration_not_open'
    | 'registration_ended';
  message: string;
};
export type Terms = { kind: 'open'; capacity: number | null; waitlist: boolean } | { kind: 'application' };

type AdmissionEvent = Pick<
  CatalogueEvent,
  'title' | 'status' | 'endUtc' | 'startUtc' | 'start' | 'timeZone' | 'registration' | 'capacity'
> & { city?: string };

/** The capacity rule: a place is free while fewer people are confirmed than the capacity (none: unlimited). */
export const hasRoom = (capacity: number | null, confirmed: number) => capacity === null || confirmed < capacity;

export const placesLeft = (capacity: number | null, confirmed: number) =>
  capacity === null ? null : Math.max(0, capacity - confirmed);

/** What decides whether the form is shown: the event's dates and status, the mode and the closing time. */
export type RegistrationWindow = Pick<CatalogueEvent, 'status' | 'endUtc' | 'startUtc' | 'timeZone'> & {
  registration: Pick<CatalogueEvent['registration'], 'mode' | 'closes'>;
};

/** When registration closes: the configured time, or the event's start. */
export const closesAt = (event: RegistrationWindow) =>
  event.registration.closes ? localToUtc(event.registration.closes, event.timeZone) : new Date(event.startUtc);

/** "Thursday 1 April 2027 at 09:00 (Toronto time)", or with the zone's name where the city is unknown. */
const opensOn = (event: Pick<AdmissionEvent, 'timeZone' | 'city'>, opens: string) =>
  `${formatDay(opens)} at ${formatTime(opens)} (${event.city ? cityTime(event.city) : event.timeZone})`;

export function admission(
  event: AdmissionEvent,
  now: Date,
): { ok: true; terms: Terms } | { ok: false; refusal: Refusal } {
  const r = event.registration;
  const refuse = (code: Refusal['code'], message: string) => ({ ok: false as const, refusal: { code, message } });
  if (event.status === 'cancelled')
    return refuse('event_cancelled', `${event.title} is cancelled, so it takes no registrations.`);
  if (event.status === 'postponed')
    return refuse('event_postponed', `${event.title} is postponed; registration reopens when the new date is set.`);
  if (new Date(event.endUtc) <= now) return refuse('event_over', `${event.title} is over.`);
  if (r.mode === 'closed') return refuse('registration_closed', `${event.title} does not take registrations here.`);
  if (r.mode === 'external') return refuse('registration_external', `Register for ${event.title} at ${r.url}.`);
  if (r.opens && localToUtc(r.opens, event.timeZone) > now)
    return refuse('registration_not_open', `Registration for ${event.title} opens on ${opensOn(event, r.opens)}.`);
  if (closesAt(event) <= now) return refuse('registration_ended', `Registration for ${event.title} has closed.`);
  if (r.mode === 'application') return { ok: true, terms: { kind: 'application' } };
  return { ok: true, terms: { kind: 'open', capacity: event.capacity, waitlist: r.waitlist } };
}

export type Availability = {
  state: 'open' | 'waitlist' | 'full' | 'application' | 'not_yet_open' | 'closed';
  placesLeft: number | null;
  capacity: number | null;
  message: string;
};

/** What the public may know: states and counts, never who. */
export function availability(event: AdmissionEvent, confirmed: number, now: Date): Availability {
  const decision = admission(event, now);
  const capacity = event.capacity;
  if (!decision.ok) {
    const state = decision.refusal.code === 'registration_not_open' ? 'not_yet_open' : 'closed';
    return { state, placesLeft: null, capacity, message: decision.refusal.message };
  }
  if (decision.terms.kind === 'application')
    return {
      state: 'application',
      placesLeft: null,
      capacity,
      message: 'Applications are open; an organiser reviews each one.',
    };
  const left = placesLeft(capacity, confirmed);
  if (left === null) return { state: 'open', placesLeft: null, capacity, message: 'Registration is open.' };
  if (left > 0) return { state: 'open', placesLeft: left, capacity, message: `${left} of ${capacity} places left.` };
  if (decision.terms.waitlist)
    return { state: 'waitlist', placesLeft: 0, capacity, message: 'The event is full; you can join the waitlist.' };
  return { state: 'full', placesLeft: 0, capacity, message: 'The event is full.' };
}

/** What a static page built at `now` shows where people register. */
export function registrationState(event: RegistrationWindow, now: Date): 'form' | 'closed' | 'none' {
  const r = event.registration;
  if (event.status !== 'scheduled' || new Date(event.endUtc) < now) return 'none';
  if (r.mode !== 'open' && r.mode !== 'application') return 'none';
  return closesAt(event) <= now ? 'closed' : 'form';
}

/** The call to action of an event page built at `now` (the page script then follows availability). */
export function callToAction(event: AdmissionEvent, now: Date): CallToAction {
  const decision = admission(event, now);
  if (!decision.ok) {
    const code = decision.refusal.code;
    if (code === 'registration_not_open')
      return { state: 'not_yet_open', message: `Registration opens on ${opensOn(event, event.registration.opens!)}.` };
    if (code === 'registration_ended') return { state: 'closed', message: 'Registration has closed.' };
    return { state: 'none', message: '' };
  }
  if (decision.terms.kind === 'application')
    return { state: 'application', message: 'Applications are open; an organiser reviews each one.', button: 'Apply' };
  const places = event.capacity === null ? '' : ` ${event.capacity} places.`;
  return { state: 'open', message: `Registration is open.${places}`, button: 'Register' };
}
