// Accepting an invitation to organise: who invited whom to do what, and the one step left (sign in
// as the invited address, or press Accept). Nothing happens on opening the link, since mail
// scanners open links too.
import { Document } from './document.tsx';

export type InvitationView = {
  email: string;
  role: string;
  invitedBy: string;
  /** Titles of the events, or null for every event. */
  events: string[] | null;
};

const roleWords: Record<string, string> = {
  owner: 'an owner',
  manager: 'a manager',
  viewer: 'a viewer',
  'check-in': 'door staff (check-in)',
};

function What(props: { invitation: InvitationView }) {
  const i = props.invitation;
  return (
    <p class="lede">
      {i.invitedBy} invites {i.email} to organise as {roleWords[i.role] ?? i.role}, for{' '}
      {i.events ? i.events.join(', ') : 'every event'}.
    </p>
  );
}

export function InvitationPage(props: {
  invitation: InvitationView;
  /** Where this browser stands: not signed in, signed in as someone else, or as the invited address. */
  signedInAs: { email: string; invited: boolean } | null;
  action: string;
  signInHref: string;
}) {
  const { signedInAs } = props;
  return (
    <Document title="Invitation to organise" private>
      <h1>Invitation to organise</h1>
      <What invitation={props.invitation} />
      {signedInAs === null ? (
        <>
          <p>
            To accept, sign in as {props.invitation.email}: we email you a link and a code. If you sign in with the
            code, you come straight back here; with the link, open this invitation again afterwards.
          </p>
          <p>
            <a class="button primary" href={props.signInHref}>
              Sign in as {props.invitation.email}
            </a>
          </p>
        </>
      ) : signedInAs.invited ? (
        <form method="post" action={props.action}>
          <p>
            <button class="button primary" type="submit">
              Accept and open the console
            </button>
          </p>
        </form>
      ) : (
        <>
          <div class="form-errors" role="alert">
            <p>
              You are signed in as {signedInAs.email}, but this invitation is for {props.invitation.email}. Sign out,
              then sign in as the invited address.
            </p>
          </div>
          <form method="post" action="/signout">
            <p>
              <button class="button" type="submit">
                Sign out
              </button>
            </p>
          </form>
        </>
      )}
    </Document>
  );
}

const ended = {
  accepted: ['This invitation was accepted', 'It works once. If it was you, the console is open to you.'],
  revoked: ['This invitation was withdrawn', 'Ask the person who invited you for a new invitation.'],
  expired: [
    'This invitation has expired',
    'Invitations work for 7 days. Ask the person who invited you for a new one.',
  ],
  unknown: [
    'This invitation link does not work',
    'It may be mistyped, or a newer invitation replaced it: open the newest invitation in your mail.',
  ],
} as const;

export function InvitationEndedPage(props: { state: keyof typeof ended }) {
  const [title, text] = ended[props.state];
  return (
    <Document title={title} private>
      <h1>{title}</h1>
      <p>{text}</p>
      <p>
        <a href={props.state === 'accepted' ? '/console/' : '/'}>
          {props.state === 'accepted' ? 'Open the console' : 'See all events'}
        </a>
      </p>
    </Document>
  );
}
