// My Gathering: a signed-in person's registrations across events, their calendar, messages sent to
// them and their sign-ins.

import { CalendarLink, type CalendarState, COPY_SCRIPT, hasLink } from './calendar-link.tsx';
import { Document } from './document.tsx';
import { RemindersForm } from './feed-options.tsx';

export type MyRegistration = {
  id: number;
  eventTitle: string;
  when: string;
  statusText: string;
  ticketCode: string | null;
};

export type MyPageProps = {
  email: string;
  notice?: string;
  registrations: MyRegistration[];
  calendar: CalendarState;
  /** Whether the calendar has reminders on; undefined while there is no calendar. */
  reminders?: boolean;
  messages: { subject: string; at: string; status: string }[];
  signIns: { at: string; agent: string; method: string }[];
  /** What this person may do for the organisers, when they are one. */
  organiser?: { role: string; events: string[] | null };
};

export function MyPage(props: MyPageProps) {
  const c = props.calendar;
  return (
    <Document title="My Gathering" private scripts={hasLink(props.calendar) ? [COPY_SCRIPT] : undefined}>
      {/* Printed, the page keeps what is marked .print: the registrations, with their tickets. */}
      <h1 class="print">My Gathering</h1>
      <p class="meta">Signed in as {props.email}.</p>
      {props.notice && (
        <p class="notice" role="status">
          {props.notice}
        </p>
      )}
      <h2 class="print">Your registrations</h2>
      {props.registrations.length === 0 ? (
        <p class="print">
          No registrations with this address yet. <a href="/">Find an event</a>.
        </p>
      ) : (
        <ul class="cards print">
          {props.registrations.map((r) => (
            <li class="card">
              <h3>
                <a href={`/manage/${r.id}`}>{r.eventTitle}</a>
              </h3>
              <p class="meta">{r.when}</p>
              <p>
                {r.statusText}
                {r.ticketCode && (
                  <>
                    {' '}
                    Ticket <span class="ticket-code">{r.ticketCode}</span>
                  </>
                )}
              </p>
              <p class="meta">
                <a href={`/manage/${r.id}#meet`}>
                  Meeting people<span class="visually-hidden"> at {r.eventTitle}</span>
                </a>
              </p>
            </li>
          ))}
        </ul>
      )}
      {props.organiser && (
        <>
          <h2>Organising</h2>
          <p>
            Your organiser role: <strong>{props.organiser.role}</strong>,{' '}
            {props.organiser.events ? `for ${props.organiser.events.join(', ')}` : 'for every event'}.{' '}
            <a href="/console/">Open the organiser console</a>. The organiser API (
            <a href="/api/openapi.json">its description</a>) accepts this browser's sign-in too.
          </p>
        </>
      )}
      <h2 id="calendar">Your calendar</h2>
      {c.kind !== 'unproven' && <CalendarLink state={c} action="/my/calendar" />}
      {props.reminders !== undefined && <RemindersForm action="/my/calendar/reminders" on={props.reminders} />}
      <h2>Your links by email</h2>
      <p>Prefer links to signing in? We email you the link to each of your registrations.</p>
      <form method="post" action="/my/links">
        <button class="button" type="submit">
          Email me my links
        </button>
      </form>
      <h2>Messages sent to you</h2>
      {props.messages.length === 0 ? (
        <p class="meta">None yet.</p>
      ) : (
        <table class="data">
          <thead>
            <tr>
              <th scope="col">Message</th>
              <th scope="col">Sent</th>
            </tr>
          </thead>
          <tbody>
            {props.messages.map((m) => (
              <tr>
                <td>{m.subject}</td>
                <td>
                  {m.at}
                  {m.status !== 'sent' && ` (${m.status})`}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>Your sign-ins</h2>
      <ul>
        {props.signIns.map((s) => (
          <li>
            {s.at}: {s.agent}, with a {s.method}
          </li>
        ))}
      </ul>
      <form method="post" action="/signout" class="inline">
        <button class="button" type="submit">
          Sign out
        </button>
      </form>
      <form method="post" action="/signout" class="inline">
        <input type="hidden" name="everywhere" value="on" />
        <button class="button danger" type="submit">
          Sign out everywhere
        </button>
      </form>
    </Document>
  );
}
