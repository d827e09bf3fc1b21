// The console's team page: the organisers and open invitations the organiser shares events with,
// inviting by email, and changing or removing people the organiser's role may manage.
import { formatUtc } from '../../model/time-format.ts';
import { FieldError } from '../question-fields.tsx';
import { describeScope, EventsField, RoleField, roleLabels, type ScopeChoices } from './grant-fields.tsx';
import { type ConsoleContext, ConsoleDocument, CsrfField } from './layout.tsx';

export type TeamMemberRow = {
  id: number;
  email: string;
  role: string;
  eventIds: string[] | null;
  createdAt: string;
  createdBy: string;
  you: boolean;
  manageable: boolean;
};

export type InvitationRow = {
  id: number;
  email: string;
  role: string;
  eventIds: string[] | null;
  invitedBy: string;
  expiresAt: string;
  revocable: boolean;
};

export type InviteForm = {
  values: { email?: string; role?: string; events?: string[] | null };
  errors: Record<string, string>;
  message?: string;
};

export function TeamPage(props: {
  ctx: ConsoleContext;
  notice?: string;
  members: TeamMemberRow[];
  invitations: InvitationRow[];
  roles: readonly string[];
  choices: ScopeChoices;
  form?: InviteForm;
}) {
  const form = props.form ?? { values: {}, errors: {} };
  return (
    <ConsoleDocument title="Team" ctx={props.ctx} current="/console/team" notice={props.notice}>
      <h1>Team</h1>
      <p class="lede">Who organises with you, and what each may do.</p>

      <section aria-labelledby="invite-heading">
        <h2 id="invite-heading">Invite someone</h2>
        <p>
          They get an email with a link that works once, for 7 days. They sign in with the invited address to accept.
        </p>
        {form.message && (
          <div class="form-errors" role="alert">
            <p>{form.message}</p>
          </div>
        )}
        <form class="registration" method="post" action="/console/team/invitations" novalidate>
          <CsrfField ctx={props.ctx} />
          <div class="field">
            <label for="invite-email">Email</label>
            <input
              id="invite-email"
              name="email"
              type="email"
              autocomplete="off"
              maxlength={254}
              required
              value={form.values.email ?? ''}
              aria-invalid={form.errors.email ? 'true' : undefined}
              aria-describedby={form.errors.email ? 'invite-email-error' : undefined}
            />
            <FieldError id="invite-email" message={form.errors.email} />
          </div>
          <RoleField
            id="invite-role"
            roles={props.roles}
            value={form.values.role ?? 'viewer'}
            error={form.errors.role}
          />
          <EventsField
            id="invite-events"
            choices={props.choices}
            value={form.values.events ?? null}
            error={form.errors.events}
          />
          <p>
            <button class="button primary" type="submit">
              Send the invitation
            </button>
          </p>
        </form>
      </section>

      <section aria-labelledby="members-heading">
        <h2 id="members-heading">Organisers</h2>
        <ul class="team-list">
          {props.members.map((m) => (
            <li>
              <p class="team-who">
                <strong>{m.email}</strong>
                {m.you && ' (you)'}
              </p>
              <p class="meta">
                {roleLabels[m.role] ?? m.role} · for {describeScope(m.eventIds)} · added by {m.createdBy},{' '}
                {formatUtc(m.createdAt)}
              </p>
              {m.manageable && <MemberActions ctx={props.ctx} member={m} roles={props.roles} choices={props.choices} />}
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="invitations-heading">
        <h2 id="invitations-heading">Invitations waiting</h2>
        {props.invitations.length === 0 ? (
          <p>No invitation is waiting to be accepted.</p>
        ) : (
          <ul class="team-list">
            {props.invitations.map((i) => (
              <li>
                <p class="team-who">
                  <strong>{i.email}</strong>
                </p>
                <p class="meta">
                  {roleLabels[i.role] ?? i.role} · for {describeScope(i.eventIds)} · invited by {i.invitedBy} · open
                  until {formatUtc(i.expiresAt)}
                </p>
                {i.revocable && (
                  <form method="post" action={`/console/team/invitations/${i.id}/revoke`}>
                    <CsrfField ctx={props.ctx} />
                    <button class="button danger" type="submit">
                      Revoke the invitation to {i.email}
                    </button>
                  </form>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
    </ConsoleDocument>
  );
}

function MemberActions(props: {
  ctx: ConsoleContext;
  member: TeamMemberRow;
  roles: readonly string[];
  choices: ScopeChoices;
}) {
  const m = props.member;
  const id = `member-${m.id}`;
  return (
    <details class="team-actions">
      <summary>Change or remove {m.you ? 'yourself' : m.email}</summary>
      <form class="registration" method="post" action={`/console/team/members/${m.id}`}>
        <CsrfField ctx={props.ctx} />
        <RoleField id={`${id}-role`} roles={props.roles} value={m.role} />
        <EventsField id={`${id}-events`} choices={props.choices} value={m.eventIds} />
        <p>
          <button class="button primary" type="submit">
            Save
          </button>
        </p>
      </form>
      <form method="post" action={`/console/team/members/${m.id}/remove`}>
        <CsrfField ctx={props.ctx} />
        <button class="button danger" type="submit">
          Remove {m.you ? 'yourself' : m.email} from the team
        </button>
      </form>
    </details>
  );
}
