// Stopping an event's announcements from the link in one: a button (opening the link changes
// nothing, since mail scanners open links too), then the answer.
import { Document } from './document.tsx';

export function UnsubscribePage(props: { eventTitle: string; action: string; stopped: boolean }) {
  return (
    <Document title="Announcements" private>
      <h1>Announcements from {props.eventTitle}</h1>
      {props.stopped ? (
        <p class="notice" role="status">
          You no longer receive announcements about {props.eventTitle}. Messages about your own registration (your
          ticket, changes to your place) still reach you.
        </p>
      ) : (
        <>
          <p>
            Stop the organisers' announcements about {props.eventTitle} to this address? Messages about your own
            registration (your ticket, changes to your place) still reach you.
          </p>
          <form method="post" action={props.action}>
            <input type="hidden" name="List-Unsubscribe" value="One-Click" />
            <p>
              <button class="button primary" type="submit">
                Stop announcements
              </button>
            </p>
          </form>
        </>
      )}
    </Document>
  );
}

export function UnsubscribeNotFoundPage() {
  return (
    <Document title="Link not found" private>
      <h1>This link does not work</h1>
      <p>It may be mistyped. Open the link at the end of the newest announcement you received.</p>
      <p>
        <a href="/">See all events</a>
      </p>
    </Document>
  );
}
