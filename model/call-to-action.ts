// What the top of an event page says about registering and what its button says: from the
// catalogue at build time (admission.ts, callToAction), then from the live availability in the
// page script (callFor). No imports, so the script stays small.

export type CallToAction = {
  state: 'open' | 'waitlist' | 'full' | 'application' | 'not_yet_open' | 'closed' | 'none';
  message: string;
  /** The button that jumps to the form, when there is a form to fill in. */
  button?: string;
};

const buttons: Partial<Record<CallToAction['state'], string>> = {
  open: 'Register',
  waitlist: 'Join the waitlist',
  application: 'Apply',
};

/** The call to action from the live availability: places left, the waitlist, or no form at all. */
export function callFor(a: { state: CallToAction['state']; message: string }): CallToAction {
  return { state: a.state, message: a.message, button: buttons[a.state] };
}

/** Whether people can fill in the form in this state. */
export const takesForm = (state: CallToAction['state']) => buttons[state] !== undefined;
