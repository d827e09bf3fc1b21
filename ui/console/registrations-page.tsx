// The console's registrations of one event: a filter (search, status, checked in, answers), the
// table sorted and paged, and bulk decisions with a preview of who they affect.
import { type ConsoleContext, ConsoleDocument, CsrfField, eventPath } from './layout.tsx';

export type FilterQuestion = { id: string; label: string; options: string[] };
export type RegistrationRow = {
  id: number;
  name: string;
  email: string;
  status: string;
  ticketCode: string;
  registered: string;
  checkedIn: string | null;
};

export type RegistrationsPageProps = {
  ctx: ConsoleContext;
  event: { id: string; title: string };
  /** The filter as submitted (URL parameters), to fill the form and build links. */
  params: [string, string][];
  questions: FilterQuestion[];
  statuses: readonly string[];
  sorts: readonly string[];
  rows: RegistrationRow[];
  total: number;
  page: number;
  pages: number;
  /** Whether this organiser may decide (the bulk form). */
  mayDecide: boolean;
  errors?: { field: string; message: string }[];
  notice?: string;
};

const value = (params: [string, string][], key: string) => params.find(([k]) => k === key)?.[1] ?? '';
const has = (params: [string, string][], key: string, v: string) => params.some(([k, x]) => k === key && x === v);
const withParams = (base: string, params: [string, string][], change: Record<string, string>) => {
  const p = new URLSearchParams(params.filter(([k]) => !(k in change)));
  for (const [k, v] of Object.entries(change)) p.set(k, v);
  return `${base}?${p}`;
};

export function RegistrationsPage(props: RegistrationsPageProps) {
  const base = `${eventPath(props.event.id)}/registrations`;
  const p = props.params;
  return (
    <ConsoleDocument title={`Registrations · ${props.event.title}`} ctx={props.ctx} notice={props.notice}>
      <p>
        <a href={`${eventPath(props.event.id)}/`}>← {props.event.title}</a>
      </p>
      <h1>Registrations</h1>
      {props.errors && props.errors.length > 0 && (
        <div class="form-errors" role="alert">
          <ul>
            {props.errors.map((e) => (
              <li>{e.message}</li>
            ))}
          </ul>
        </div>
      )}
      <form method="get" action={base} class="filters">
        <p>
          <label for="q">Search names, emails, ticket codes and answers</label>
          <input id="q" name="q" type="search" maxlength={100} value={value(p, 'q')} />
        </p>
        <fieldset>
          <legend>Status</legend>
          {props.statuses.map((s) => (
            <label class="choice">
              <input type="checkbox" name="status" value={s} checked={has(p, 'status', s)} /> {s}
            </label>
          ))}
        </fieldset>
        <p>
          <label for="checked-in">Checked in</label>
          <select id="checked-in" name="checkedIn">
            <option value="">either</option>
            <option value="yes" selected={value(p, 'checkedIn') === 'yes'}>
              yes
            </option>
            <option value="no" selected={value(p, 'checkedIn') === 'no'}>
              no
            </option>
          </select>
        </p>
        {props.questions.map((q) => (
          <p>
            <label for={`a-${q.id}`}>{q.label}</label>
            <select id={`a-${q.id}`} name={`a.${q.id}`}>
              <option value="">any answer</option>
              {q.options.map((o) => (
                <option value={o} selected={value(p, `a.${q.id}`) === o}>
                  {o}
                </option>
              ))}
            </select>
          </p>
        ))}
        <p>
          <label for="sort">Sort by</label>
          <select id="sort" name="sort">
            {props.sorts.map((s) => (
              <option value={s} selected={(value(p, 'sort') || 'registered') === s}>
                {s}
              </option>
            ))}
          </select>
        </p>
        <p>
          <button class="button" type="submit">
            Show
          </button>{' '}
          <a href={base}>Clear</a>
        </p>
      </form>
      <p role="status">
        {props.total} {props.total === 1 ? 'registration' : 'registrations'} match.
      </p>
      <form method="post" action={`${base}/bulk/preview`}>
        <CsrfField ctx={props.ctx} />
        <div class="table-scroll">
          <table class="data">
            <caption>
              Registrations, page {props.page} of {props.pages}
            </caption>
            <thead>
              <tr>
                {props.mayDecide && (
                  <th scope="col">
                    <span class="visually-hidden">Choose</span>
                  </th>
                )}
                <th scope="col">Name</th>
                <th scope="col">Status</th>
                <th scope="col">Ticket</th>
                <th scope="col">Registered</th>
                <th scope="col">Checked in</th>
              </tr>
            </thead>
            <tbody>
              {props.rows.map((r) => (
                <tr>
                  {props.mayDecide && (
                    <td>
                      <input type="checkbox" name="id" value={String(r.id)} aria-label={`Choose ${r.name}`} />
                    </td>
                  )}
                  <th scope="row">
                    <a href={`${base}/${r.id}`}>{r.name}</a>
                    <span class="meta"> {r.email}</span>
                  </th>
                  <td>{r.status}</td>
                  <td class="ticket-code">{r.ticketCode}</td>
                  <td>{r.registered}</td>
                  <td>{r.checkedIn ?? 'no'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {props.mayDecide && props.rows.length > 0 && (
          <fieldset class="bulk">
            <legend>With the chosen applications</legend>
            <label class="choice">
              <input type="radio" name="action" value="approve" required /> approve
            </label>
            <label class="choice">
              <input type="radio" name="action" value="decline" /> decline
            </label>
            <button class="button" type="submit">
              Preview
            </button>
          </fieldset>
        )}
      </form>
      {props.pages > 1 && (
        <nav class="pager" aria-label="Pages of registrations">
          {props.page > 1 && <a href={withParams(base, p, { page: String(props.page - 1) })}>← Previous</a>}
          <span>
            Page {props.page} of {props.pages}
          </span>
          {props.page < props.pages && <a href={withParams(base, p, { page: String(props.page + 1) })}>Next →</a>}
        </nav>
      )}
    </ConsoleDocument>
  );
}

export function BulkPreviewPage(props: {
  ctx: ConsoleContext;
  event: { id: string; title: string };
  action: 'approve' | 'decline';
  affected: { id: number; name: string }[];
  skipped: { id: number; name: string; status: string }[];
  placesLeft: number | null;
  waitlist: boolean;
}) {
  const base = `${eventPath(props.event.id)}/registrations`;
  const n = props.affected.length;
  const overflow = props.action === 'approve' && props.placesLeft !== null && n > props.placesLeft;
  return (
    <ConsoleDocument title={`Preview · ${props.event.title}`} ctx={props.ctx}>
      <p>
        <a href={base}>← Registrations</a>
      </p>
      <h1>
        {props.action === 'approve' ? 'Approve' : 'Decline'} {n} {n === 1 ? 'application' : 'applications'}?
      </h1>
      {overflow && (
        <p class="notice">
          Only {props.placesLeft} {props.placesLeft === 1 ? 'place is' : 'places are'} left: the first{' '}
          {props.placesLeft} get a place,{' '}
          {props.waitlist ? 'the others join the waitlist.' : 'the others stay pending.'}
        </p>
      )}
      <ul>
        {props.affected.map((r) => (
          <li>{r.name}</li>
        ))}
      </ul>
      {props.skipped.length > 0 && (
        <>
          <h2>Left as they are</h2>
          <ul>
            {props.skipped.map((r) => (
              <li>
                {r.name} ({r.status})
              </li>
            ))}
          </ul>
        </>
      )}
      {n > 0 && (
        <form method="post" action={`${base}/bulk`}>
          <CsrfField ctx={props.ctx} />
          <input type="hidden" name="action" value={props.action} />
          {props.affected.map((r) => (
            <input type="hidden" name="id" value={String(r.id)} />
          ))}
          <p>
            <label for="message">A note included in every message (optional)</label>
            <textarea id="message" name="message" maxlength={1000} rows={3} />
          </p>
          <p>
            <button class={props.action === 'approve' ? 'button primary' : 'button danger'} type="submit">
              {props.action === 'approve' ? 'Approve' : 'Decline'} {n}
            </button>
          </p>
        </form>
      )}
    </ConsoleDocument>
  );
}
