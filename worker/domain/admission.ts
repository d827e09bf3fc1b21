// Whether an event takes registrations right now, and on what terms. Pure: the event and the clock in,
// a decision out. Capacity itself is enforced atomically in the database (see db/registrations.ts).
import type { CatalogueEvent } from '../../model/catalogue.ts';
import { localToUtc } from '../../model/time.ts';

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

export function admission(
  event: CatalogueEvent,
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
  if (r.opens && localToUtc(r.opens, event.timeZone) > now) {
    return refuse(
      'registration_not_open',
      `Registration for ${event.title} opens ${r.opens.replace('T', ' at ').slice(0, 19)} (${event.timeZone}).`,
    );
  }
  const closes = r.closes ? localToUtc(r.closes, event.timeZone) : new Date(event.startUtc);
  if (closes <= now) return refuse('registration_ended', `Registration for ${event.title} has closed.`);
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
export function availability(event: CatalogueEvent, confirmed: number, now: Date): Availability {
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
  if (capacity === null) return { state: 'open', placesLeft: null, capacity, message: 'Registration is open.' };
  const left = Math.max(0, capacity - confirmed);
  if (left > 0) return { state: 'open', placesLeft: left, capacity, message: `${left} of ${capacity} places left.` };
  if (decision.terms.waitlist)
    return { state: 'waitlist', placesLeft: 0, capacity, message: 'The event is full; you can join the waitlist.' };
  return { state: 'full', placesLeft: 0, capacity, message: 'The event is full.' };
}
