// One control that opens on each way to put an event or a session into a calendar, no script needed: the event
// page (site/components/AddToCalendar.astro) and a session's page share them.
import { type CalendarItem, googleCalendarLink, outlookCalendarLink } from '../model/calendar-links.ts';

export function AddToCalendar(props: CalendarItem & { ics: string }) {
  const { ics, ...item } = props;
  return (
    <details class="subscribe">
      <summary>Add to calendar</summary>
      <ul class="actions">
        <li>
          <a class="button primary" href={ics} download>
            Download .ics
          </a>
        </li>
        <li>
          <a class="button" href={googleCalendarLink(item)} rel="noopener">
            Add to Google Calendar
          </a>
        </li>
        <li>
          <a class="button" href={outlookCalendarLink(item)} rel="noopener">
            Add to Outlook.com
          </a>
        </li>
        <li>
          <a class="button" href={outlookCalendarLink(item, 'outlook.office.com')} rel="noopener">
            Add to Microsoft 365
          </a>
        </li>
      </ul>
    </details>
  );
}
