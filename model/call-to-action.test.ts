// What an event page says about registering at build time, and how the live availability changes it.
import { describe, expect, it } from 'vitest';
import { callToAction } from './admission.ts';
import { callFor, takesForm } from './call-to-action.ts';

const event = (registration: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  title: 'Spring Camp',
  status: 'scheduled' as const,
  start: '2027-05-13T09:00',
  startUtc: '2027-05-13T13:00:00.000Z',
  endUtc: '2027-05-14T22:00:00.000Z',
  timeZone: 'America/Toronto',
  city: 'Toronto',
  capacity: 40,
  registration: { mode: 'open', waitlist: true, questions: [], ...registration } as never,
  ...extra,
});
const at = (iso: string) => new Date(iso);

describe('the call to action built from the catalogue', () => {
  it('says when registration opens, with no button, before it opens', () => {
    expect(callToAction(event({ opens: '2027-04-01T09:00' }), at('2027-03-01T00:00:00Z'))).toEqual({
      state: 'not_yet_open',
      message: 'Registration opens on Thursday 1 April 2027 at 09:00 (Toronto time).',
    });
  });

  it('offers the form with the places, or "Apply" for applications', () => {
    const now = at('2027-04-02T00:00:00Z');
    expect(callToAction(event({ opens: '2027-04-01T09:00' }), now)).toEqual({
      state: 'open',
      message: 'Registration is open. 40 places.',
      button: 'Register',
    });
    expect(callToAction(event({ mode: 'application' }), now)).toMatchObject({ state: 'application', button: 'Apply' });
  });

  it('says registration has closed, and nothing for cancelled events (their banner speaks)', () => {
    expect(callToAction(event({ closes: '2027-05-01T00:00' }), at('2027-05-02T00:00:00Z'))).toEqual({
      state: 'closed',
      message: 'Registration has closed.',
    });
    expect(callToAction(event({}, { status: 'cancelled' }), at('2027-04-02T00:00:00Z')).state).toBe('none');
  });
});

describe('the call to action from live availability', () => {
  it('turns the button into "Join the waitlist" when full, and removes it when there is no form', () => {
    expect(callFor({ state: 'waitlist', message: 'Full.' }).button).toBe('Join the waitlist');
    expect(callFor({ state: 'full', message: 'Full.' }).button).toBeUndefined();
    expect(takesForm('not_yet_open')).toBe(false);
    expect(takesForm('application')).toBe(true);
  });
});
