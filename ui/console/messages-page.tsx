// Writing to attendees: the audience (the registrations filter), the message, a preview as one
// recipient reads it with the send button, past mailings, and one mailing's delivery per recipient.
import { formatUtc } from '../../model/time-format.ts';
import { FieldError } from '../question-fields.tsx';
import { type ConsoleContext, ConsoleDocument, CsrfField, eventPath } from './layout.tsx';

export type AudienceQuestion = { id: string; label: string; options: string[] };

export type ComposeValues = {
  statuses: string[];
  checkedIn: '' | 'yes' | 'no';
  answers: Record<string, string>;
  q: string;
  subject: string;
  text: string;
  announcement: boolean;
};

export type PreviewView = {
  count: number;
  unsubscribed: number;
  names: { name: string; status: string }[];
  sample?: { to: string; subject: string; text: string };
  /** Everything the send form carries again, as name/value pairs (the audience, the text, the nonce). */
  fields: [string, string][];
};

export type MailingRow = {
  id: number;
  subject: string;
  createdAt: string;
  createdBy: string;
  recipients: number;
  announcement: boolean;
  delivery: { pending: number; sent: number; failed: number };
};

const statusLabels: Record<string, string> = {
  confirmed: 'Confirmed',
  pending: 'Pending (applications)',
  waitlisted: 'Waitlisted',
  declined: 'Declined',
  cancelled: 'Cancelled',
};

export function MessagesPage(props: {
  ctx: ConsoleContext;
  event: { id: string; title: string };
  statuses: readonly string[];
  questions: AudienceQuestion[];
  values: ComposeValues;
  errors: Record<string, string>;
  message?: string;
  notice?: string;
  preview?: PreviewView;
  mailings: MailingRow[];
}) {
  const base = eventPath(props.event.id);
  const { values, errors } = props;
  const described = (id: string, help?: boolean) =>
    [help && `${id}-help`, errors[id.replace('mail-', '')] && `${id}-error`].filter(Boolean).join(' ') || undefined;
  return (
    <ConsoleDocument title={`Write to attendees · ${props.event.title}`} ctx={props.ctx} notice={props.notice}>
      <p>
        <a href={`${base}/`}>← {props.event.title}</a>
      </p>
      <h1>Write to attendees</h1>
      {props.message && (
        <div class="form-errors" role="alert">
          <p>{props.message}</p>
        </div>
      )}
      {props.preview && <Preview ctx={props.ctx} base={base} preview={props.preview} />}
      <form class="registration compose" method="post" action={`${base}/messages/preview`} novalidate>
        <CsrfField ctx={props.ctx} />
        <fieldset class="field" aria-describedby={errors.audience ? 'mail-audience-error' : undefined}>
          <legend>Who receives it</legend>
          <fieldset class="field">
            <legend>Status</legend>
            {props.statuses.map((s) => (
              <label class="choice" for={`mail-status-${s}`}>
                <input
                  type="checkbox"
                  id={`mail-status-${s}`}
                  name="status"
                  value={s}
                  checked={values.statuses.includes(s)}
                />
                {statusLabels[s] ?? s}
              </label>
            ))}
            <p class="help">None ticked: every status.</p>
          </fieldset>
          <div class="field">
            <label for="mail-checked-in">Checked in</label>
            <select id="mail-checked-in" name="checkedIn">
              <option value="" selected={values.checkedIn === ''}>
                Either
              </option>
              <option value="yes" selected={values.checkedIn === 'yes'}>
                Checked in
              </option>
              <option value="no" selected={values.checkedIn === 'no'}>
                Not checked in
              </option>
            </select>
          </div>
          {props.questions.map((q) => (
            <div class="field">
              <label for={`mail-a-${q.id}`}>{q.label}</label>
              <select id={`mail-a-${q.id}`} name={`a.${q.id}`}>
                <option value="" selected={!values.answers[q.id]}>
                  Any answer
                </option>
                {q.options.map((o) => (
                  <option value={o} selected={values.answers[q.id] === o}>
                    {o}
                  </option>
                ))}
              </select>
            </div>
          ))}
          <div class="field">
            <label for="mail-q">Name, email, ticket code or answer contains</label>
            <input id="mail-q" name="q" maxlength={100} autocomplete="off" value={values.q} />
          </div>
          <FieldError id="mail-audience" message={errors.audience} />
        </fieldset>
        <div class="field">
          <label for="mail-subject">Subject</label>
          <input
            id="mail-subject"
            name="subject"
            required
            maxlength={150}
            autocomplete="off"
            value={values.subject}
            aria-invalid={errors.subject ? 'true' : undefined}
            aria-describedby={described('mail-subject')}
          />
          <FieldError id="mail-subject" message={errors.subject} />
        </div>
        <div class="field">
          <label for="mail-text">Message</label>
          <p class="help" id="mail-text-help">
            Plain text. Each person's message starts with "Hello" and their name, and ends with the event's details.
          </p>
          <textarea
            id="mail-text"
            name="text"
            rows={10}
            required
            maxlength={5000}
            aria-invalid={errors.text ? 'true' : undefined}
            aria-describedby={described('mail-text', true)}
          >
            {values.text}
          </textarea>
          <FieldError id="mail-text" message={errors.text} />
        </div>
        <div class="field">
          <label class="choice" for="mail-announcement">
            <input
              type="checkbox"
              id="mail-announcement"
              name="announcement"
              value="yes"
              checked={values.announcement}
              aria-describedby="mail-announcement-help"
            />
            This is an announcement
          </label>
          <p class="help" id="mail-announcement-help">
            News, not about the person's own registration: it carries a one-click unsubscribe, and people who stopped
            this event's announcements do not get it. Leave it unticked for messages about their place (times, what to
            bring): those reach everyone chosen, with the link to their registration.
          </p>
        </div>
        <p>
          <button class="button primary" type="submit">
            Preview
          </button>
        </p>
      </form>
      <MailingList base={base} mailings={props.mailings} />
    </ConsoleDocument>
  );
}

function Preview(props: { ctx: ConsoleContext; base: string; preview: PreviewView }) {
  const p = props.preview;
  const people = p.count === 1 ? '1 person' : `${p.count} people`;
  return (
    <section class="mail-preview" aria-labelledby="preview-heading">
      <h2 id="preview-heading">Preview: {people} will receive it</h2>
      {p.unsubscribed > 0 && (
        <p>
          {p.unsubscribed === 1 ? '1 more person matches' : `${p.unsubscribed} more people match`} but stopped this
          event's announcements, so they are left out.
        </p>
      )}
      <p>
        {p.count > p.names.length ? `The first ${p.names.length}: ` : 'They are: '}
        {p.names.map((n) => `${n.name} (${n.status})`).join(', ')}
        {p.count > p.names.length && ', …'}
      </p>
      {p.sample && (
        <div class="mail">
          <p class="meta">To: {p.sample.to}</p>
          <h3>{p.sample.subject}</h3>
          <pre>{p.sample.text}</pre>
        </div>
      )}
      <form method="post" action={`${props.base}/messages`}>
        <CsrfField ctx={props.ctx} />
        {p.fields.map(([name, value]) => (
          <input type="hidden" name={name} value={value} />
        ))}
        <p>
          <button class="button primary" type="submit">
            Send to {people}
          </button>
        </p>
      </form>
      <p>Or change the message below and preview it again.</p>
    </section>
  );
}

function Delivery(props: { d: MailingRow['delivery'] }) {
  const { d } = props;
  return (
    <>
      {d.sent} sent{d.pending > 0 && `, ${d.pending} waiting`}
      {d.failed > 0 && `, ${d.failed} failed`}
    </>
  );
}

function MailingList(props: { base: string; mailings: MailingRow[] }) {
  return (
    <section aria-labelledby="mailings-heading">
      <h2 id="mailings-heading">Sent before</h2>
      {props.mailings.length === 0 ? (
        <p>Nothing was written to this event's attendees yet.</p>
      ) : (
        <ul class="team-list">
          {props.mailings.map((m) => (
            <li>
              <p class="team-who">
                <a href={`${props.base}/messages/${m.id}`}>{m.subject}</a>
              </p>
              <p class="meta">
                {formatUtc(m.createdAt)} by {m.createdBy} · {m.announcement ? 'announcement' : 'about their place'} ·{' '}
                {m.recipients} {m.recipients === 1 ? 'recipient' : 'recipients'}: <Delivery d={m.delivery} />
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export type RecipientRow = {
  name: string;
  email: string;
  status: 'pending' | 'sent' | 'failed';
  attempts: number;
  sentAt: string | null;
};

export function MailingPage(props: {
  ctx: ConsoleContext;
  event: { id: string; title: string };
  mailing: MailingRow & { text: string; audience: string };
  recipients: RecipientRow[];
  page: number;
  pages: number;
  notice?: string;
}) {
  const base = eventPath(props.event.id);
  const m = props.mailing;
  const state = { pending: 'waiting', sent: 'sent', failed: 'failed' } as const;
  return (
    <ConsoleDocument title={`${m.subject} · ${props.event.title}`} ctx={props.ctx} notice={props.notice}>
      <p>
        <a href={`${base}/messages`}>← Write to attendees</a>
      </p>
      <h1>{m.subject}</h1>
      <p class="meta">
        Sent {formatUtc(m.createdAt)} by {m.createdBy} · {m.announcement ? 'announcement' : 'about their place'} · to{' '}
        {m.audience}
      </p>
      <dl class="counts">
        <div>
          <dt>Recipients</dt>
          <dd>{m.recipients}</dd>
        </div>
        <div>
          <dt>Sent</dt>
          <dd>{m.delivery.sent}</dd>
        </div>
        <div>
          <dt>Waiting</dt>
          <dd>{m.delivery.pending}</dd>
        </div>
        <div>
          <dt>Failed</dt>
          <dd>{m.delivery.failed}</dd>
        </div>
      </dl>
      <details>
        <summary>The message</summary>
        <pre class="mail-text">{m.text}</pre>
      </details>
      {/* A region that scrolls sideways on a phone: focusable, so keyboards can scroll it too. */}
      <section class="table-scroll" aria-label="Delivery to each recipient" tabindex={0}>
        <table class="data">
          <caption>Delivery to each recipient (a message that fails is tried again for about two hours)</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Email</th>
              <th scope="col">Delivery</th>
            </tr>
          </thead>
          <tbody>
            {props.recipients.map((r) => (
              <tr>
                <th scope="row">{r.name}</th>
                <td>{r.email}</td>
                <td>
                  {state[r.status]}
                  {r.sentAt && ` ${formatUtc(r.sentAt)}`}
                  {r.status !== 'sent' && r.attempts > 0 && ` (${r.attempts} ${r.attempts === 1 ? 'try' : 'tries'})`}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      {props.pages > 1 && (
        <nav class="pager" aria-label="Pages of recipients">
          {props.page > 1 && <a href={`${base}/messages/${m.id}?page=${props.page - 1}`}>← Earlier page</a>}
          <span>
            Page {props.page} of {props.pages}
          </span>
          {props.page < props.pages && <a href={`${base}/messages/${m.id}?page=${props.page + 1}`}>Next page →</a>}
        </nav>
      )}
    </ConsoleDocument>
  );
}
