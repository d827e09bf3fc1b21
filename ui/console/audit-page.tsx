// The audit log in the console: who did what and when, filtered by event, person, action and days,
// newest first, a page at a time.
import { type ConsoleContext, ConsoleDocument, eventPath } from './layout.tsx';

export type AuditRow = {
  id: number;
  at: string;
  actor: string;
  action: string;
  eventId: string | null;
  registrationId: number | null;
  detail: Record<string, unknown> | null;
};

export type AuditFilterValues = {
  eventId?: string;
  actor?: string;
  action?: string;
  registrationId?: string;
  from?: string;
  to?: string;
};

/** Actions the worker records today, offered as suggestions; the field takes any other. */
export const knownActions = [
  'registration.approve',
  'registration.accept-to-waitlist',
  'registration.decline',
  'registration.undecline',
  'registration.cancel',
  'registration.promote',
  'registration.waitlist-move',
  'registration.resend-link',
  'registration.delete',
  'registration.read',
  'registrations.list',
  'registrations.export',
  'check-in',
  'meetings.plan',
  'meetings.schedule',
  'token.revoke',
];

/** "2026-11-25 12:00 UTC" */
const when = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;

/** The detail as short "key: value" text; long values are cut, since the page lists many entries. */
function detailText(detail: Record<string, unknown> | null): string {
  if (!detail) return '';
  const text = Object.entries(detail)
    .map(([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join('; ');
  return text.length > 200 ? `${text.slice(0, 199)}…` : text;
}

function Field(props: {
  name: keyof AuditFilterValues;
  label: string;
  values: AuditFilterValues;
  errors: Record<string, string>;
  type?: string;
  list?: string;
  hint?: string;
}) {
  const id = `audit-${props.name}`;
  const error = props.errors[props.name];
  const described = [props.hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ');
  return (
    <div class="filter-field">
      <label for={id}>{props.label}</label>
      {props.hint && (
        <span class="meta" id={`${id}-hint`}>
          {props.hint}
        </span>
      )}
      <input
        id={id}
        name={props.name}
        type={props.type ?? 'text'}
        value={props.values[props.name] ?? ''}
        list={props.list}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={described || undefined}
      />
      {error && (
        <p class="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}

export function AuditPage(props: {
  ctx: ConsoleContext;
  values: AuditFilterValues;
  errors: Record<string, string>;
  entries: AuditRow[];
  /** The link to the next, older page; null on the last page. */
  older: string | null;
  /** The link back to the newest entries, when this is not the first page. */
  newest: string | null;
  /** The events of a role scoped to some, offered in the event field. */
  scopedEvents: readonly string[] | null;
}) {
  const { values, errors } = props;
  const invalid = Object.keys(errors).length > 0;
  return (
    <ConsoleDocument title="Audit log" ctx={props.ctx} current="/console/audit">
      <h1>Audit log</h1>
      <p>
        Every organiser action, and every reading of attendee data, with who did it and when. Times are in UTC.
        {props.scopedEvents && ' You see the entries of your events.'}
      </p>
      <form method="get" action="/console/audit" class="tool-filters" aria-label="Filter the audit log">
        <Field
          name="eventId"
          label="Event"
          values={values}
          errors={errors}
          list={props.scopedEvents ? 'audit-events' : undefined}
          hint="its id, like indiecon-toronto-2027"
        />
        {props.scopedEvents && (
          <datalist id="audit-events">
            {props.scopedEvents.map((e) => (
              <option value={e} />
            ))}
          </datalist>
        )}
        <Field name="actor" label="Who" values={values} errors={errors} hint="part of an email or a token's name" />
        <Field name="action" label="Action" values={values} errors={errors} list="audit-actions" />
        <datalist id="audit-actions">
          {knownActions.map((a) => (
            <option value={a} />
          ))}
        </datalist>
        <Field name="registrationId" label="Registration number" values={values} errors={errors} type="number" />
        <Field name="from" label="From" values={values} errors={errors} type="date" />
        <Field name="to" label="Until" values={values} errors={errors} type="date" />
        <p class="filter-actions">
          <button class="button primary" type="submit">
            Show entries
          </button>{' '}
          <a href="/console/audit">Clear the filters</a>
        </p>
      </form>
      {invalid ? (
        <div class="form-errors" role="alert">
          <p>Some filters are not right; fix them above to see entries.</p>
        </div>
      ) : props.entries.length === 0 ? (
        <p role="status">No entries match.</p>
      ) : (
        <div class="table-scroll">
          <table class="data">
            <caption>Entries, newest first</caption>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Who</th>
                <th scope="col">Action</th>
                <th scope="col">Event</th>
                <th scope="col">Registration</th>
                <th scope="col">Detail</th>
              </tr>
            </thead>
            <tbody>
              {props.entries.map((e) => (
                <tr>
                  <td>{when(e.at)}</td>
                  <td>{e.actor}</td>
                  <td>{e.action}</td>
                  <td>{e.eventId && <a href={`${eventPath(e.eventId)}/`}>{e.eventId}</a>}</td>
                  <td>
                    {e.registrationId !== null &&
                      (e.eventId ? (
                        <a href={`${eventPath(e.eventId)}/registrations/${e.registrationId}`}>{e.registrationId}</a>
                      ) : (
                        e.registrationId
                      ))}
                  </td>
                  <td>{detailText(e.detail)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {(props.older || props.newest) && (
        <nav class="pager" aria-label="Pages of entries">
          {props.newest && <a href={props.newest}>← Newest entries</a>}
          {props.older && <a href={props.older}>Older entries →</a>}
        </nav>
      )}
    </ConsoleDocument>
  );
}
