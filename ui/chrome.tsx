// The page chrome every page shares, static or rendered by the worker: header with the main
// navigation, and the footer, which has "Email me my links" for people who lost theirs.
import { LinksForm } from './links-form.tsx';

// A label's second part ("Gathering" in "My Gathering") is hidden on a phone, so the header keeps one row.
export const mainNavigation: readonly (readonly [href: string, label: string, more?: string])[] = [
  ['/', 'Events'],
  ['/cities/', 'Cities'],
  ['/spaces/', 'Spaces'],
  ['/calendars/', 'Calendars'],
  ['/my/', 'My', ' Gathering'],
];

export function SiteHeader(props: { current?: string }) {
  return (
    <header class="site">
      <div class="wrap">
        <a class="brand" href="/">
          <span>
            Gather<b>ing</b>
          </span>
        </a>
        <nav class="main" aria-label="Main">
          <ul>
            {mainNavigation.map(([href, label, more]) => (
              <li>
                <a href={href} aria-current={props.current === href ? 'page' : undefined}>
                  {label}
                  {more && <span class="long">{more}</span>}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      </div>
    </header>
  );
}

export function SiteFooter() {
  return (
    <footer class="site">
      <div class="wrap">
        <p>Gathering connects people across events, cities and spaces.</p>
        <section class="footer-links" aria-labelledby="footer-links-heading">
          <h2 id="footer-links-heading">Can't find your link?</h2>
          <LinksForm id="footer-links" />
        </section>
        <ul>
          <li>
            <a href="/rss.xml">RSS feed</a>
          </li>
          <li>
            <a href="/sitemap-index.xml">Sitemap</a>
          </li>
          <li>
            <a href="/api/openapi.json">API</a>
          </li>
        </ul>
      </div>
    </footer>
  );
}
