// The export page: which file to pick for which program, and whom to export. Its form is a plain
// GET to the organiser API's export (which takes the console's session), so it needs no script.
import { type ConsoleContext, ConsoleDocument, eventPath } from './layout.tsx';

export type ExportQuestion = {
  id: string;
  label: string;
  type: 'select' | 'multiselect' | 'checkbox';
  options: string[];
};

export type ExportFilterValues = {
  q?: string;
  status: string[];
  checkedIn?: string;
  answers: Record<string, string>;
};

const statuses = ['confirmed', 'waitlisted', 'pending', 'declined', 'cancelled'] as const;

export function ExportPage(props: {
  ctx: ConsoleContext;
  event: { id: string; title: string; timeZone: string };
  questions: ExportQuestion[];
  values: ExportFilterValues;
  /** How many registrations the chosen filter holds; null when the filter was not valid. */
  matching: number | null;
  /** Whether the page's address carried a filter. */
  filtered: boolean;
  errors: string[];
}) {
  const { event, values } = props;
  const api = `/api/admin/events/${encodeURIComponent(event.id)}/registrations`;
  return (
    <ConsoleDocument title={`Export · ${event.title}`} ctx={props.ctx}>
      <p>
        <a href={`${eventPath(event.id)}/`}>← {event.title}</a>
      </p>
      <h1>Export registrations</h1>
      <h2>Which file to pick</h2>
      <dl class="choices">
        <dt>CSV</dt>
        <dd>
          For Google Sheets, LibreOffice Calc, Apple Numbers, and Excel where numbers are written like 1,234.5 (the UK,
          the US, Canada, Australia, …).
        </dd>
        <dt>CSV with semicolons</dt>
        <dd>
          For Excel where numbers are written like 1.234,5 or 1 234,5 (Germany, France, Spain, Italy, Brazil, most of
          Europe): Excel there splits columns on semicolons, and would put each whole row in one column of the CSV.
        </dd>
        <dt>JSON</dt>
        <dd>
          For scripts and other software: the same fields, times with their UTC offset, answers as lists and true/false.
        </dd>
      </dl>
      <p>
        Every file has one row per registration, with its status, ticket code, a column per question (yes or no for
        checkboxes, several choices joined by "; "), the person's matching profile, the decision and when they were
        checked in. Times are in the event's zone ({event.timeZone}), as "2027-05-13 09:00", which spreadsheets read as
        dates. A cell that starts with =, +, - or @ gets an apostrophe in front, so a spreadsheet shows it instead of
        running it as a formula. Downloads are recorded in the audit log.
      </p>
      <h2>Whom to export</h2>
      {props.errors.length > 0 && (
        <div class="form-errors" role="alert">
          <p>This filter is not one the event has, so it was left out:</p>
          <ul>
            {props.errors.map((e) => (
              <li>{e}</li>
            ))}
          </ul>
        </div>
      )}
      <form method="get" action={`${api}.csv`} class="tool-filters">
        <fieldset class="filter-field">
          <legend>Status (none ticked: everyone)</legend>
          {statuses.map((s) => (
            <label class="check">
              <input type="checkbox" name="status" value={s} checked={values.status.includes(s)} /> {s}
            </label>
          ))}
        </fieldset>
        <div class="filter-field">
          <label for="export-checked-in">Checked in</label>
          <select id="export-checked-in" name="checkedIn">
            <option value="">either</option>
            <option value="yes" selected={values.checkedIn === 'yes'}>
              yes
            </option>
            <option value="no" selected={values.checkedIn === 'no'}>
              no
            </option>
          </select>
        </div>
        {props.questions.map((q) => (
          <div class="filter-field">
            <label for={`export-a-${q.id}`}>{q.label}</label>
            <select id={`export-a-${q.id}`} name={`a.${q.id}`}>
              <option value="">any answer</option>
              {(q.type === 'checkbox' ? ['yes', 'no'] : q.options).map((o) => (
                <option value={o} selected={values.answers[q.id] === o}>
                  {o}
                </option>
              ))}
            </select>
          </div>
        ))}
        <div class="filter-field">
          <label for="export-q">Search</label>
          <input id="export-q" name="q" maxlength={100} value={values.q ?? ''} aria-describedby="export-q-hint" />
          <span class="meta" id="export-q-hint">
            in names, emails, ticket codes and answers
          </span>
        </div>
        {props.matching !== null && (
          <p role="status">
            {props.matching} {props.matching === 1 ? 'registration matches' : 'registrations match'}{' '}
            {props.filtered ? 'the filter in this page’s address' : 'with no filter'}.
          </p>
        )}
        <ul class="actions">
          <li>
            <button class="button primary" type="submit">
              Download CSV
            </button>
          </li>
          <li>
            <button class="button" type="submit" name="delimiter" value="semicolon">
              Download CSV with semicolons
            </button>
          </li>
          <li>
            <button class="button" type="submit" formaction={`${api}.json`}>
              Download JSON
            </button>
          </li>
          <li>
            <button class="button" type="submit" formaction={`${eventPath(event.id)}/export`}>
              Count them first
            </button>
          </li>
        </ul>
      </form>
    </ConsoleDocument>
  );
}
