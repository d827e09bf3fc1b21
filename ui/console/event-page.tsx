// One event in the console: its counts and the way to each of its tools.
import type { Child } from 'hono/jsx';
import { type ConsoleContext, ConsoleDocument, eventPath } from './layout.tsx';

export type EventCounts = {
  confirmed: number;
  waitlisted: number;
  pending: number;
  declined: number;
  cancelled: number;
  checkedIn: number;
};

export function ConsoleEventPage(props: {
  ctx: ConsoleContext;
  event: { id: string; title: string; when: string; status: string };
  counts: EventCounts;
  placesLeft: number | null;
  /** Which tools this organiser's role opens. */
  links: {
    registrations: boolean;
    messages: boolean;
    door: boolean;
    meetings: boolean;
    exports: boolean;
    orders?: boolean;
    vouchers?: boolean;
  };
  /** Charts and other sections added below the counts. */
  children?: Child;
}) {
  const { event, counts } = props;
  const base = eventPath(event.id);
  const tools: [boolean, string, string][] = [
    [props.links.registrations, `${base}/registrations`, 'Registrations'],
    [props.links.messages, `${base}/messages`, 'Write to attendees'],
    [props.links.door, `${base}/door`, 'Door check-in'],
    [props.links.meetings, `${base}/meetings`, '1:1 meetings'],
    [props.links.exports, `${base}/export`, 'Export'],
    [props.links.orders ?? false, `${base}/orders`, 'Orders and refunds'],
    [props.links.vouchers ?? false, `${base}/vouchers`, 'Vouchers'],
  ];
  return (
    <ConsoleDocument title={event.title} ctx={props.ctx}>
      <p>
        <a href="/console/">← Your events</a>
      </p>
      <h1>{event.title}</h1>
      <p class="meta">
        {event.when}
        {event.status !== 'scheduled' && ` · ${event.status}`} · <a href={`/events/${event.id}/`}>public page</a>
      </p>
      <dl class="counts">
        <div>
          <dt>Confirmed</dt>
          <dd>{counts.confirmed}</dd>
        </div>
        <div>
          <dt>Places left</dt>
          <dd>{props.placesLeft ?? 'no limit'}</dd>
        </div>
        <div>
          <dt>Waitlisted</dt>
          <dd>{counts.waitlisted}</dd>
        </div>
        <div>
          <dt>Pending</dt>
          <dd>{counts.pending}</dd>
        </div>
        <div>
          <dt>Declined</dt>
          <dd>{counts.declined}</dd>
        </div>
        <div>
          <dt>Cancelled</dt>
          <dd>{counts.cancelled}</dd>
        </div>
        <div>
          <dt>Checked in</dt>
          <dd>{counts.checkedIn}</dd>
        </div>
      </dl>
      <ul class="actions">
        {tools
          .filter(([allowed]) => allowed)
          .map(([, href, label]) => (
            <li>
              <a class="button" href={href}>
                {label}
              </a>
            </li>
          ))}
      </ul>
      {props.children}
    </ConsoleDocument>
  );
}
