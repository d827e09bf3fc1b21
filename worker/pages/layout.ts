// The frame of the few pages the worker renders itself (manage page, form errors), matching the
// static site's look through the same stylesheet. hono/html escapes every interpolated value.
import { html, raw } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';

type Content = HtmlEscapedString | Promise<HtmlEscapedString>;

export function page(title: string, body: Content, options: { noindex?: boolean } = {}) {
  return html`<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>${title} · Gathering</title>
    ${options.noindex ? raw('<meta name="robots" content="noindex" /><meta name="referrer" content="no-referrer" />') : ''}
    <link rel="stylesheet" href="/styles/app.css" />
    <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
  </head>
  <body>
    <a class="skip" href="#content">Skip to content</a>
    <header class="site"><div class="wrap"><a class="brand" href="/">Gather<span>ing</span></a>
      <nav class="main" aria-label="Main"><ul><li><a href="/">Events</a></li><li><a href="/cities/">Cities</a></li><li><a href="/spaces/">Spaces</a></li></ul></nav></div></header>
    <main id="content" class="wrap">${body}</main>
    <footer class="site"><div class="wrap"><p>Gathering connects people across events, cities and spaces.</p></div></footer>
  </body>
</html>`;
}
