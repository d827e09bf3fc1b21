// What a person's manage page says when the event itself changed: cancelled (with the organisers'
// note, and nothing more to do), postponed (the place is kept), or given a new date (with "I can't
// make the new date"), and the page that confirms giving the place up for the new date.
import type { CatalogueEvent } from '../model/catalogue.ts';
import { rescheduledFrom } from '../model/programme.ts';
import { formatRange, formatWhen } from '../model/time-format.ts';
import { Document } from './document.tsx';

/** Whether the event has a new date after a postponement, for someone who still holds a registration. */
export const mayDeclineNewDate = (event: CatalogueEvent, active: boolean) =>
  active && rescheduledFrom(event) !== undefined;

export function EventChangeNotice(props: { event: CatalogueEvent; active: boolean; base: string }) {
  const { event, active } = props;
  if (event.status === 'cancelled')
    return (
      <div class="banner cancelled" role="status">
        <p>This event is cancelled.</p>
        {event.cancellation && <p class="note">{event.cancellation}</p>}
        <p class="note">
          There is nothing more for you to do. If it is ever set on again, your registration comes back as it was and we
          will email you.
        </p>
      </div>
    );
  if (event.status === 'postponed' && active)
    return (
      <p class="banner postponed" role="status">
        This event is postponed. You keep your registration; we will email you the new date as soon as it is set.
      </p>
    );
  const from = rescheduledFrom(event);
  if (!from || !active) return null;
  return (
    <div class="notice" id="new-date">
      <p>
        <strong>New date: {formatWhen(event)}.</strong> It was planned for {formatRange(from.start, from.end)}.
      </p>
      <p>
        <a class="button" href={`${props.base}/new-date`}>
          I can't make the new date
        </a>
      </p>
    </div>
  );
}

/** "I can't make the new date": what happens, and one button that does it. */
export function NewDatePage(props: { event: CatalogueEvent; base: string; confirmed: boolean }) {
  const { event, base } = props;
  return (
    <Document title="Can't make the new date?" private>
      <p>
        <a href={base}>← Your registration</a>
      </p>
      <h1>Can't make the new date?</h1>
      <p>
        {event.title} now takes place {formatWhen(event)}.
      </p>
      <p>
        If you cannot come, cancel your registration here.{' '}
        {props.confirmed
          ? 'Your place goes to the next person on the waitlist at once.'
          : 'You leave the waitlist or withdraw your application.'}{' '}
        This cannot be undone, and we email you to confirm it.
      </p>
      <form method="post" action={`${base}/new-date`}>
        <p>
          <button class="button danger" type="submit">
            Yes, cancel my registration
          </button>
        </p>
      </form>
      <p>
        <a href={base}>No, keep my registration</a>
      </p>
    </Document>
  );
}
