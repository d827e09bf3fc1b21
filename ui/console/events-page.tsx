// The console's first page: the events in the organiser's scope, with their counts.
import { type ConsoleContext, ConsoleDocument, eventPath } from './layout.tsx';

export type EventRow = {
  id: string;
  title: string;
  when: string;
  status: string;
  counts: {
    confirmed: number;
    waitlisted: number;
    pending: number;
    declined: number;
    cancelled: number;
    checkedIn: number;
  };
  /** null: no limit. */
  placesLeft: number | null;
};

export function ConsoleEventsPage(props: { ctx: ConsoleContext; events: EventRow[]; page: number; pages: number }) {
  return (
    <ConsoleDocument title="Events" ctx={props.ctx} current="/console/">
      <h1>Your events</h1>
      <form method="get" action="/console/events" class="inline-form">
        <label for="event-id">Open an event by its id</label>
        <input id="event-id" name="id" required maxlength={120} pattern="[a-z0-9\-/]+" autocomplete="off" />
        <button class="button" type="submit">
          Open
        </button>
      </form>
      {props.events.length === 0 ? (
        <p>No upcoming or recent events in your scope.</p>
      ) : (
        <div class="table-scroll">
          <table class="data">
            <caption>Upcoming and recent events, with registrations by status</caption>
            <thead>
              <tr>
                <th scope="col">Event</th>
                <th scope="col">Confirmed</th>
                <th scope="col">Waitlisted</th>
                <th scope="col">Pending</th>
                <th scope="col">Declined</th>
                <th scope="col">Cancelled</th>
                <th scope="col">Checked in</th>
                <th scope="col">Places left</th>
              </tr>
            </thead>
            <tbody>
              {props.events.map((e) => (
                <tr>
                  <th scope="row">
                    <a href={`${eventPath(e.id)}/`}>{e.title}</a>
                    <span class="meta">
                      {' '}
                      {e.when}
                      {e.status !== 'scheduled' && ` · ${e.status}`}
                    </span>
                  </th>
                  <td>{e.counts.confirmed}</td>
                  <td>{e.counts.waitlisted}</td>
                  <td>{e.counts.pending}</td>
                  <td>{e.counts.declined}</td>
                  <td>{e.counts.cancelled}</td>
                  <td>{e.counts.checkedIn}</td>
                  <td>{e.placesLeft ?? 'no limit'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {props.pages > 1 && (
        <nav class="pager" aria-label="Pages of events">
          {props.page > 1 && <a href={`/console/?page=${props.page - 1}`}>← Earlier page</a>}
          <span>
            Page {props.page} of {props.pages}
          </span>
          {props.page < props.pages && <a href={`/console/?page=${props.page + 1}`}>Next page →</a>}
        </nav>
      )}
    </ConsoleDocument>
  );
}

export function NotOrganiserPage() {
  return (
    <ConsoleDocument title="Not an organiser" ctx={{ organiser: { name: '', role: '' }, csrf: '' }}>
      <h1>You are not an organiser here</h1>
      <p>
        You are signed in, but no organiser role is stored for your address. Ask an owner of your events to invite you
        from the console's Team page.
      </p>
    </ConsoleDocument>
  );
}
