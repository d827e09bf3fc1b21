// "Are you sure?" for the actions on a manage page that cannot be taken back: a page of its own, so
// it works without JavaScript, saying what will happen and what comes next.
import { Document } from './document.tsx';

export type Confirmable = 'cancel' | 'opt-out' | 'calendar-reset' | 'links-reset';

export type ConfirmText = { title: string; body: string[]; yes: string; no: string };

type Situation = {
  eventTitle: string;
  /** The registration's status, for cancelling: a place, a waitlist spot or an application. */
  status?: string;
  /** For cancelling a paid ticket: what comes back under the refund policy, said before confirming. */
  refund?: string;
};

/** What each action does, in the words the confirmation page uses. */
export function confirmText(kind: Confirmable, s: Situation): ConfirmText {
  switch (kind) {
    case 'cancel': {
      const what =
        s.status === 'waitlisted'
          ? { title: `Leave the waitlist for ${s.eventTitle}?`, yes: 'Yes, leave the waitlist' }
          : s.status === 'pending'
            ? { title: `Withdraw your application to ${s.eventTitle}?`, yes: 'Yes, withdraw it' }
            : s.status === 'awaiting_payment'
              ? { title: `Cancel your booking for ${s.eventTitle}?`, yes: 'Yes, cancel my booking' }
              : { title: `Cancel your place at ${s.eventTitle}?`, yes: 'Yes, cancel my place' };
      return {
        ...what,
        body: [
          s.status === 'confirmed'
            ? 'Your place goes at once to the next person on the waitlist, or back to the places left.'
            : s.status === 'awaiting_payment'
              ? 'Every place of your order is released at once, its payment page stops working and nothing is ' +
                'charged. A payment already on its way is refunded in full.'
              : 'Your registration ends at once.',
          ...(s.refund ? [s.refund] : []),
          'This cannot be undone: to come after all, you would register again, if places remain.',
          'Your ticket, agenda and meetings for this event stop.',
        ],
        no: 'No, keep my registration',
      };
    }
    case 'opt-out':
      return {
        title: `Stop meeting people at ${s.eventTitle}?`,
        body: [
          'Your profile is deleted: you are no longer suggested to anyone, and you leave the 1:1 meetings that ' +
            'have not started.',
          'People you were already introduced to keep the email you shared; elsewhere you are shown as "someone who left".',
          'You can opt in again at any time, with a new profile.',
        ],
        yes: 'Yes, opt out',
        no: 'No, keep meeting people',
      };
    case 'calendar-reset':
      return {
        title: 'Reset your calendar link?',
        body: [
          'The link you have now stops working at once: calendar apps subscribed with it stop updating.',
          'The next page shows your new link. Subscribe with it again, and remove the old subscription from your ' +
            'calendar app.',
        ],
        yes: 'Yes, reset my calendar link',
        no: 'No, keep my link',
      };
    case 'links-reset':
      return {
        title: 'Stop every link to this registration?',
        body: [
          'Every link to this page in your emails stops working at once, for anyone who has one.',
          'This browser keeps access, and we email you a new link.',
        ],
        yes: 'Yes, stop my old links',
        no: 'No, keep them',
      };
  }
}

export function ConfirmPage(props: { text: ConfirmText; action: string; back: string }) {
  const { text } = props;
  return (
    <Document title={text.title} private>
      <h1>{text.title}</h1>
      {text.body.map((p) => (
        <p>{p}</p>
      ))}
      <form method="post" action={props.action} class="confirm">
        <input type="hidden" name="confirm" value="yes" />
        <button class="button danger" type="submit">
          {text.yes}
        </button>
        <a class="button" href={props.back}>
          {text.no}
        </a>
      </form>
    </Document>
  );
}
