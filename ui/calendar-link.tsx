// A person's calendar link, on My Gathering and on a manage page: shown whenever its owner is there
// (it is kept sealed, not only hashed), with a copy button (scripts/console/copy-link.ts; without
// JavaScript the address is selectable text) and a reset that asks first.
import { PersonalFeedLinks } from './feed-options.tsx';

export type FeedLink = { https: string };

export type CalendarState =
  /** The email is not proven in this browser: no calendar across events yet. */
  | { kind: 'unproven' }
  | { kind: 'none' }
  /** The link, when it can be shown: links made before they were kept sealed cannot. */
  | { kind: 'exists'; link?: FeedLink }
  /** Just made, or made again by a reset. */
  | { kind: 'new'; link: FeedLink; replaced: boolean };

/** The script the copy button needs; pages that show a link load it. */
export const COPY_SCRIPT = '/scripts/console/copy-link.js';

export const hasLink = (s: CalendarState) => s.kind === 'new' || (s.kind === 'exists' && s.link !== undefined);

function LinkBox(props: { link: FeedLink }) {
  const { link } = props;
  return (
    <div class="feed-link">
      <PersonalFeedLinks https={link.https} />
      <label for="feed-url">Your calendar's address</label>
      <div class="copy-row">
        <input id="feed-url" readonly value={link.https} spellcheck={false} autocomplete="off" />
        <button class="button" type="button" data-copy="feed-url" hidden>
          Copy<span class="visually-hidden"> the address</span>
        </button>
      </div>
      <p class="meta copy-status" role="status" aria-live="polite" />
      <p class="meta">Keep it private: anyone with the address sees your agenda.</p>
    </div>
  );
}

/**
 * `action` is where the link is made (POST) and where resetting asks first (GET, a confirmation
 * page that posts to the same address).
 */
export function CalendarLink(props: { state: Exclude<CalendarState, { kind: 'unproven' }>; action: string }) {
  const s = props.state;
  if (s.kind === 'none') {
    return (
      <>
        <p>Your events, starred sessions and 1:1 meetings as one calendar that your calendar app keeps up to date.</p>
        <form method="post" action={props.action}>
          <button class="button" type="submit">
            Create my calendar link
          </button>
        </form>
      </>
    );
  }
  const link = s.link;
  return (
    <>
      {s.kind === 'new' && (
        <p class="notice" role="status">
          {s.replaced
            ? 'Your calendar link is reset: the old one has stopped working. Subscribe with this one, and remove ' +
              'the old subscription from your calendar app.'
            : 'Here is your calendar link. Subscribe with it once: your calendar app keeps it up to date. It stays ' +
              'here whenever you come back.'}
        </p>
      )}
      {link ? (
        <LinkBox link={link} />
      ) : (
        <p>
          You have a calendar link, made before links were kept to show again. If you no longer have it, reset it to get
          a new one here.
        </p>
      )}
      <p>
        <a class="button" href={props.action}>
          Reset my calendar link
        </a>
      </p>
    </>
  );
}
