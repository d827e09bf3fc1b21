// The page chrome every page shares, static or rendered by the worker: header with the main
// navigation, and the footer.

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
