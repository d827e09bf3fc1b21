// What a page weighs on the wire (gzip), as the budget test and the benchmark measure it: the
// JavaScript an event page loads with everything it imports, and a session page with the
// stylesheet it links. Plain TypeScript: the benchmark runs on Node without a JSX transform.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { type CatalogueEvent, cataloguePaths } from '../../model/catalogue.ts';

/** The files of the page's scripts and, transitively, of what they import. */
export function scriptFiles(site: string, html: string): string[] {
  const files = new Set<string>();
  const visit = (src: string) => {
    if (files.has(src)) return;
    files.add(src);
    const code = readFileSync(join(site, src), 'utf8');
    for (const m of code.matchAll(/\bfrom\s*["'](\.\/[^"']+)["']|\bimport\s*\(?\s*["'](\.\/[^"']+)["']/g))
      visit(`${src.slice(0, src.lastIndexOf('/'))}/${(m[1] ?? m[2])!.slice(2)}`);
  };
  for (const m of html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"/g)) visit(m[1]!);
  return [...files];
}

export const scriptGzip = (site: string, html: string) =>
  scriptFiles(site, html).reduce((n, f) => n + gzipSync(readFileSync(join(site, f))).length, 0);

export const readEvent = (catalogue: string, id: string): CatalogueEvent =>
  JSON.parse(readFileSync(join(catalogue, cataloguePaths.event(id)), 'utf8'));

/** The page and the stylesheet it links, each compressed as it is sent. */
export const sessionPageGzip = (site: string, html: string) =>
  gzipSync(html).length + gzipSync(readFileSync(join(site, 'styles/app.css'))).length;
