// A whole HTML page as the worker sends it, with the same chrome and stylesheet as the static site.

import { raw } from 'hono/html';
import type { Child } from 'hono/jsx';
import { SiteFooter, SiteHeader } from './chrome.tsx';

// The doctype is the one piece of markup hono/jsx cannot express; it is a constant.
const doctype = raw('<!doctype html>');

export type DocumentProps = {
  title: string;
  /** Pages with personal data: never indexed, never sent as a referrer. */
  private?: boolean;
  /** Public pages: what search results and link previews show. */
  description?: string;
  /** More of the head (a public page's Open Graph tags). */
  head?: Child;
  /** Scripts (same-origin files: the policy allows no inline script) for the few pages that need one. */
  scripts?: string[];
  /** Stylesheets after the site's own (the console's components). */
  styles?: string[];
  children?: Child;
};

export function Document(props: DocumentProps) {
  return (
    <>
      {doctype}
      <html lang="en">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>{`${props.title} · Gathering`}</title>
          {props.description && <meta name="description" content={props.description} />}
          {props.private && <meta name="robots" content="noindex" />}
          {props.private && <meta name="referrer" content="no-referrer" />}
          <link rel="stylesheet" href="/styles/app.css" />
          {props.styles?.map((href) => (
            <link rel="stylesheet" href={href} />
          ))}
          <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
          {props.head}
          {props.scripts?.map((src) => (
            <script type="module" src={src} />
          ))}
        </head>
        <body>
          <a class="skip" href="#content">
            Skip to content
          </a>
          <SiteHeader />
          <main id="content" class="wrap">
            {props.children}
          </main>
          <SiteFooter />
        </body>
      </html>
    </>
  );
}
