// A person's own page for one registration: status, ticket, answers, agenda, meeting people,
// calendar, links and cancelling. Plain HTML forms; no JavaScript needed.
import type { CatalogueEvent, CatalogueVenue } from '../model/catalogue.ts';
import { formatInstant, formatShortDay, formatTime, formatWhen } from '../model/time-format.ts';
import { eventVenues, hasSeveralVenues, sessionVenue, venueLine } from '../model/venues.ts';
import { CalendarLink, type CalendarState, COPY_SCRIPT, hasLink } from './calendar-link.tsx';
import { Document } from './document.tsx';
import { EventChangeNotice } from './event-change.tsx';
import { RemindersForm } from './feed-options.tsx';
import { MapLinks } from './map-links.tsx';
import { MatchingSection, type MatchingView } from './matching-section.tsx';
import { OrderSummary, type OrderSummaryView } from './order-summary.tsx';
import { QrCode } from './qr-code.tsx';
import { type FieldErrors, QuestionFields } from './question-fields.tsx';

export type ManagedRegistration = {
  id: number;
  name: string;
  email: string;
  status: 'pending' | 'confirmed' | 'waitlisted' | 'declined' | 'cancelled' | 'event_cancelled' | 'awaiting_payment';
  statusText: string;
  ticketCode: string;
  createdAt: string;
  answers: Record<string, unknown>;
  decisionMessage: string | null;
  checkedInAt: string | null;
};

export type { CalendarState };

export type ManagePageProps = {
  registration: ManagedRegistration;
  event: CatalogueEvent;
  /** Holds or waits for a place: answers, stars, profile and cancelling are open. */
  active: boolean;
  /** The cancel button (when not simply `active`): also a place waiting for payment that this person booked. */
  mayCancel?: boolean;
  /** Whoever proved the address may stop every link (a new one goes to the address). */
  mayStopLinks: boolean;
  position: number | null;
  stars: string[];
  calendar: CalendarState;
  /** Whether the person's calendar has reminders on; undefined while they have no calendar. */
  reminders?: boolean;
  /** The link the ticket's QR holds (model/ticket.ts): the door reads the code from it. */
  ticketUrl: string;
  matching?: MatchingView;
  notice?: string;
  answerErrors?: FieldErrors;
  answerValues?: Record<string, unknown>;
  /** A paid ticket: its order (ui/order-summary.tsx). */
  order?: OrderSummaryView;
};

/** A venue on one line with its map links (plain links, no script of theirs on this page). */
function Place(props: { venue: CatalogueVenue }) {
  return (
    <>
      {venueLine(props.venue)} <MapLinks venue={props.venue} />
    </>
  );
}

function Ticket(props: { r: ManagedRegistration; event: CatalogueEvent; url: string }) {
  const { r, event } = props;
  const venues = eventVenues(event);
  return (
    <section class="ticket print" aria-label="Your ticket">
      <QrCode text={props.url} label="QR code of your ticket" />
      <div>
        <p class="ticket-code">{r.ticketCode}</p>
        <dl class="ticket-facts">
          <dt>What</dt>
          <dd>{event.title}</dd>
          <dt>When</dt>
          <dd>{formatWhen(event)}</dd>
          <dt>Where</dt>
          {venues.map((v) => (
            <dd>
              <Place venue={v} />
            </dd>
          ))}
        </dl>
        <p class="meta">
          Show this at the door.
          {r.checkedInAt && ` Checked in ${formatInstant(r.checkedInAt, event.timeZone, event.city)}.`}
        </p>
      </div>
    </section>
  );
}

function Calendar(props: { base: string; state: CalendarState }) {
  const s = props.state;
  if (s.kind === 'unproven') {
    return (
      <p>
        Your events, starred sessions and 1:1 meetings can be one calendar that your calendar app keeps up to date. To
        make it, open this page from the link in one of our emails: it shows that the address is yours.
      </p>
    );
  }
  return <CalendarLink state={s} action={`${props.base}/calendar`} />;
}

function Agenda(props: { base: string; event: CatalogueEvent; stars: string[] }) {
  // With several venues, each session says where it is: people walk between them.
  const several = hasSeveralVenues(props.event);
  // Printed, the page keeps the ticket and the starred sessions (the print sheet in app.css).
  return (
    <section class={props.stars.length > 0 ? 'agenda print' : 'agenda'} aria-labelledby="agenda">
      <h2 id="agenda">Your agenda</h2>
      <p>
        Star the sessions you want to attend; they appear in your calendar feed. You can also{' '}
        <a href={`/events/${props.event.id}/#schedule`}>star them on the event page</a>.
      </p>
      <ul class="schedule">
        {props.event.sessions.map((s) => {
          const on = props.stars.includes(s.id);
          return (
            <li class={on ? 'slot starred' : 'slot'}>
              <div class="when">
                {formatShortDay(s.start)}, {formatTime(s.start)}–{formatTime(s.end)}
              </div>
              <div>
                <strong>{s.title}</strong>
                {s.status === 'cancelled' && ' (cancelled)'}
                {several && (
                  <p class="meta">
                    <Place venue={{ ...sessionVenue(props.event, s), room: s.room }} />
                  </p>
                )}
                <form method="post" action={`${props.base}/stars`} class="inline">
                  <input type="hidden" name="sessionId" value={s.id} />
                  <input type="hidden" name="starred" value={on ? 'off' : 'on'} />
                  <button class="button" type="submit" aria-pressed={on ? 'true' : 'false'}>
                    {on ? '★ Starred' : '☆ Star'}
                    <span class="visually-hidden"> {s.title}</span>
                  </button>
                </form>
              </div>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

export function ManagePage(props: ManagePageProps) {
  const { registration: r, event, active } = props;
  const base = `/manage/${r.id}`;
  const errors = props.answerErrors ?? {};
  const questions = event.registration.questions;
  const leave =
    r.status === 'waitlisted'
      ? { heading: 'Leave the waitlist', button: 'Leave the waitlist' }
      : r.status === 'pending'
        ? { heading: 'Withdraw your application', button: 'Withdraw' }
        : r.status === 'awaiting_payment'
          ? { heading: 'Cancel your booking', button: 'Cancel my booking' }
          : { heading: 'Cancel your place', button: 'Cancel my registration' };
  return (
    <Document title="Your registration" private scripts={hasLink(props.calendar) ? [COPY_SCRIPT] : undefined}>
      <p>
        <a href={`/events/${event.id}/`}>← {event.title}</a>
      </p>
      <h1>Your registration</h1>
      {props.notice && (
        <p class="notice" role="status">
          {props.notice}
        </p>
      )}
      <EventChangeNotice event={event} active={active} base={base} />
      <p>
        <strong>{r.statusText}</strong>
        {props.position !== null && ` You are number ${props.position} on the waitlist.`}
        {r.decisionMessage && (
          <>
            <br />A note from the organisers: {r.decisionMessage}
          </>
        )}
      </p>
      {r.status === 'confirmed' && event.status !== 'cancelled' && <Ticket r={r} event={event} url={props.ticketUrl} />}
      {props.order && <OrderSummary order={props.order} />}
      <h2>Details</h2>
      <table class="data">
        <tbody>
          <tr>
            <th scope="row">Name</th>
            <td>{r.name}</td>
          </tr>
          <tr>
            <th scope="row">Email</th>
            <td>{r.email}</td>
          </tr>
          <tr>
            <th scope="row">Registered</th>
            <td>{formatInstant(r.createdAt, event.timeZone, event.city)}</td>
          </tr>
        </tbody>
      </table>
      {active && questions.length > 0 && (
        <>
          <h2>Your answers</h2>
          <form class="registration" method="post" action={`${base}/answers`}>
            {Object.keys(errors).length > 0 && (
              <div class="form-errors" role="alert">
                <p>Please fix the fields marked below.</p>
              </div>
            )}
            <QuestionFields questions={questions} answers={props.answerValues ?? r.answers} errors={errors} />
            <p>
              <button class="button" type="submit">
                Save answers
              </button>
            </p>
          </form>
        </>
      )}
      {active && event.sessions.length > 0 && <Agenda base={base} event={event} stars={props.stars} />}
      {active && props.matching && <MatchingSection v={props.matching} />}
      {active && (
        <>
          <h2 id="calendar">Your calendar</h2>
          <Calendar base={base} state={props.calendar} />
          {props.reminders !== undefined && (
            <RemindersForm action={`${base}/calendar/reminders`} on={props.reminders} />
          )}
        </>
      )}
      {props.mayStopLinks && (
        <>
          <h2 id="links">Your links</h2>
          <p>
            If you forwarded an email with your link by mistake, stop every link to this page. This browser keeps
            access, and we email you a new link.
          </p>
          <p>
            <a class="button" href={`${base}/links/reset`}>
              Stop my old links
            </a>
          </p>
        </>
      )}
      {(props.mayCancel ?? active) && (
        <>
          <h2>{leave.heading}</h2>
          <p>
            {r.status === 'confirmed'
              ? 'Your place goes to the next person on the waitlist at once. This cannot be undone.'
              : r.status === 'awaiting_payment'
                ? 'Every place of this order is released at once and nothing is charged. This cannot be undone.'
                : 'This cannot be undone.'}{' '}
            You confirm on the next page.
          </p>
          <p>
            <a class="button danger" href={`${base}/cancel`}>
              {leave.button}
            </a>
          </p>
        </>
      )}
    </Document>
  );
}
