// The page chrome every page shares, static or rendered by the worker: header with the main
// navigation, and the footer, which has "Email me my links" for people who lost theirs.
import { LinksForm } from './links-form.tsx';

export const mainNavigation = [
  ['/', 'Events'],
  ['/cities/', 'Cities'],
  ['/spaces/', 'Spaces'],
  ['/calendars/', 'Calendars'],
  ['/my/', 'My Gathering'],
] as const;

export function SiteHeader(props: { current?: string }) {
  return (
    <header class="site">
      <div class="wrap">
        <a class="brand" href="/">
          Gather<span>ing</span>
        </a>
        <nav class="main" aria-label="Main">
          <ul>
            {mainNavigation.map(([href, label]) => (
              <li>
                <a href={href} aria-current={props.current === href ? 'page' : undefined}>
                  {label}
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
