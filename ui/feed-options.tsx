// One subscribe control per feed: a disclosure (no script needed) that opens on every way to
// subscribe: calendar apps (webcal://), Google Calendar, Outlook.com, Microsoft 365, and the feed's
// address to copy. Used by the site's feeds (components/SubscribeLinks.astro) and the personal
// calendar on the manage page and My Gathering, with its reminders setting.
import { subscribeLinks } from '../model/calendar-links.ts';

export type SubscribeOptionsProps = {
  /** The feed's https address. */
  https: string;
  /** The calendar's name in the calendar app, and what the control says it subscribes to. */
  name: string;
  /** The summary's visible words. */
  label?: string;
  /** Open from the start (the personal calendar, where subscribing is the point of the section). */
  open?: boolean;
};

export function SubscribeOptions(props: SubscribeOptionsProps) {
  const links = subscribeLinks(props.https, props.name);
  const to = <span class="visually-hidden"> for {props.name}</span>;
  return (
    <details class="subscribe" open={props.open}>
      <summary>
        {props.label ?? 'Subscribe'}
        <span class="visually-hidden"> to {props.name}</span>
      </summary>
      <ul class="actions">
        <li>
          <a class="button primary" href={links.webcal}>
            Calendar app{to}
          </a>
        </li>
        <li>
          <a class="button" href={links.google} rel="noopener">
            Google Calendar{to}
          </a>
        </li>
        <li>
          <a class="button" href={links.outlook} rel="noopener">
            Outlook.com{to}
          </a>
        </li>
        <li>
          <a class="button" href={links.office365} rel="noopener">
            Microsoft 365{to}
          </a>
        </li>
        <li>
          <a class="button" href={links.https}>
            Feed address (.ics){to}
          </a>
        </li>
      </ul>
    </details>
  );
}

export function PersonalFeedLinks(props: { https: string }) {
  return <SubscribeOptions https={props.https} name="My agenda (Gathering)" label="Subscribe to your calendar" open />;
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
