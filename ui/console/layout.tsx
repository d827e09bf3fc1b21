// The organiser console's page: the site's document with the console's own navigation, who is
// signed in, and the token every form carries (worker/access/csrf.ts).
import type { Child } from 'hono/jsx';
import { Document } from '../document.tsx';

export type ConsoleContext = {
  /** Who is signed in, as the audit log names them. */
  organiser: { name: string; role: string };
  /** The session's CSRF token, for every form on the page. */
  csrf: string;
};

const sections = [
  ['/console/', 'Events'],
  ['/console/team', 'Team'],
  ['/console/tokens', 'API tokens'],
  ['/console/audit', 'Audit log'],
] as const;

export function ConsoleDocument(props: {
  title: string;
  ctx: ConsoleContext;
  current?: string;
  notice?: string;
  /** Extra scripts, for the few pages that need one. */
  scripts?: Child;
  children?: Child;
}) {
  return (
    <Document title={`${props.title} · Console`} private styles={['/styles/console.css']}>
      <nav class="console-nav" aria-label="Console">
        <ul>
          {sections.map(([href, label]) => (
            <li>
              <a href={href} aria-current={props.current === href ? 'page' : undefined}>
                {label}
              </a>
            </li>
          ))}
        </ul>
        {props.ctx.organiser.name && (
          <form method="post" action="/signout" class="meta">
            {props.ctx.organiser.name} ({props.ctx.organiser.role}) <CsrfField ctx={props.ctx} />
            <button class="link" type="submit">
              Sign out
            </button>
          </form>
        )}
      </nav>
      {props.notice && (
        <p class="notice" role="status">
          {props.notice}
        </p>
      )}
      {props.children}
      {props.scripts}
    </Document>
  );
}

/** The hidden field that carries the CSRF token in every console form. */
export const CsrfField = (props: { ctx: ConsoleContext }) => <input type="hidden" name="csrf" value={props.ctx.csrf} />;

/** An event's place in the console (its id's "/" between folders encoded, so it stays one segment). */
export const eventPath = (eventId: string) => `/console/events/${encodeURIComponent(eventId)}`;
