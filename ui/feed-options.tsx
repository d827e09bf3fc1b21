// The personal calendar's subscribe buttons (calendar app, Google Calendar, Outlook.com, Microsoft
// 365) and its reminders setting, shared by the manage page and My Gathering. Plain links and a
// plain form: no script needed.
import { subscribeLinks } from '../model/calendar-links.ts';

export function PersonalFeedLinks(props: { https: string }) {
  const links = subscribeLinks(props.https, 'My agenda (Gathering)');
  return (
    <ul class="actions">
      <li>
        <a class="button primary" href={links.webcal}>
          Subscribe in your calendar app
        </a>
      </li>
      <li>
        <a class="button" href={links.google} rel="noopener">
          Add to Google Calendar
        </a>
      </li>
      <li>
        <a class="button" href={links.outlook} rel="noopener">
          Add to Outlook.com
        </a>
      </li>
      <li>
        <a class="button" href={links.office365} rel="noopener">
          Add to Microsoft 365
        </a>
      </li>
    </ul>
  );
}

/** `action` receives reminders=on|off. */
export function RemindersForm(props: { action: string; on: boolean }) {
  return (
    <form method="post" action={props.action} class="feed-reminders">
      <input type="hidden" name="reminders" value={props.on ? 'off' : 'on'} />
      <p>
        {props.on
          ? 'Reminders are on: your calendar alerts you 15 minutes before each starred session and 1:1 meeting.'
          : 'Reminders are off. Turn them on for an alert 15 minutes before each starred session and 1:1 meeting.'}{' '}
        <span class="meta">Some calendar apps (Google Calendar among them) use their own alerts instead.</span>
      </p>
      <button class="button" type="submit">
        {props.on ? 'Turn reminders off' : 'Turn reminders on'}
      </button>
    </form>
  );
}
