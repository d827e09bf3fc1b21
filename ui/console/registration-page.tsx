// One registration in the console: who, their answers, what happened (the audit log), the
// messages sent to them, and what an organiser may do next.
import type { Child } from 'hono/jsx';
import { type ConsoleContext, ConsoleDocument, CsrfField, eventPath } from './layout.tsx';

export type PersonAction = 'approve' | 'decline' | 'undecline' | 'cancel' | 'promote' | 'resend-link';

export type RegistrationPageProps = {
  ctx: ConsoleContext;
  event: { id: string; title: string };
  registration: {
    id: number;
    name: string;
    email: string;
    emailProven: boolean;
    status: string;
    ticketCode: string;
    registered: string;
    waitlistPosition: number | null;
    checkedIn: string | null;
    decisionMessage: string | null;
  };
  answers: { label: string; value: string }[];
  history: { at: string; actor: string; action: string }[];
  messages: { subject: string; at: string; status: string }[];
  /** The actions the lifecycle allows from this state and the organiser's role permits. */
  actions: PersonAction[];
  /** Whether moving in the waitlist applies. */
  mayMove: boolean;
  notice?: string;
  /** Sections of other features (paid tickets), after the actions. */
  children?: Child;
};

const labels: Record<PersonAction, string> = {
  approve: 'Approve',
  decline: 'Decline',
  undecline: 'Undo the decline',
  cancel: 'Cancel the registration',
  promote: 'Give a free place now',
  'resend-link': 'Email a fresh manage link',
};
const withNote: ReadonlySet<PersonAction> = new Set(['approve', 'decline', 'cancel']);

export function RegistrationPage(props: RegistrationPageProps) {
  const r = props.registration;
  const base = `${eventPath(props.event.id)}/registrations/${r.id}`;
  return (
    <ConsoleDocument title={`${r.name} · ${props.event.title}`} ctx={props.ctx} notice={props.notice}>
      <p>
        <a href={`${eventPath(props.event.id)}/registrations`}>← Registrations</a>
      </p>
      <h1>{r.name}</h1>
      <dl class="facts-list">
        <dt>Email</dt>
        <dd>
          {r.email} {r.emailProven ? '(proven)' : '(not proven yet)'}
        </dd>
        <dt>Status</dt>
        <dd>
          {r.status}
          {r.waitlistPosition !== null && `, number ${r.waitlistPosition} in the waitlist`}
        </dd>
        <dt>Ticket</dt>
        <dd class="ticket-code">{r.ticketCode}</dd>
        <dt>Registered</dt>
        <dd>{r.registered}</dd>
        <dt>Checked in</dt>
        <dd>{r.checkedIn ?? 'no'}</dd>
        {r.decisionMessage && (
          <>
            <dt>Note with the decision</dt>
            <dd>{r.decisionMessage}</dd>
          </>
        )}
      </dl>
      {props.answers.length > 0 && (
        <>
          <h2>Answers</h2>
          <dl class="facts-list">
            {props.answers.map((a) => (
              <>
                <dt>{a.label}</dt>
                <dd>{a.value}</dd>
              </>
            ))}
          </dl>
        </>
      )}
      {(props.actions.length > 0 || props.mayMove) && <h2>Actions</h2>}
      {props.actions.map((action) => (
        <form method="post" action={`${base}/${action}`} class="action">
          <CsrfField ctx={props.ctx} />
          {withNote.has(action) && (
            <p>
              <label for={`note-${action}`}>A note in the message to {r.name} (optional)</label>
              <textarea id={`note-${action}`} name="message" maxlength={1000} rows={2} />
            </p>
          )}
          <button class={action === 'decline' || action === 'cancel' ? 'button danger' : 'button'} type="submit">
            {labels[action]}
          </button>
        </form>
      ))}
      {props.mayMove && (
        <form method="post" action={`${base}/waitlist-move`} class="action">
          <CsrfField ctx={props.ctx} />
          <fieldset>
            <legend>Move in the waitlist</legend>
            <button class="button" type="submit" name="move" value="first">
              To the front
            </button>{' '}
            <button class="button" type="submit" name="move" value="up">
              One place up
            </button>{' '}
            <button class="button" type="submit" name="move" value="down">
              One place down
            </button>
          </fieldset>
        </form>
      )}
      {props.children}
      <h2>History</h2>
      {props.history.length === 0 ? (
        <p>No organiser has acted on this registration yet.</p>
      ) : (
        <ul>
          {props.history.map((h) => (
            <li>
              {h.at}: {h.action} by {h.actor}
            </li>
          ))}
        </ul>
      )}
      <h2>Messages sent</h2>
      {props.messages.length === 0 ? (
        <p>None yet.</p>
      ) : (
        <ul>
          {props.messages.map((m) => (
            <li>
              {m.at}: {m.subject} ({m.status})
            </li>
          ))}
        </ul>
      )}
    </ConsoleDocument>
  );
}
