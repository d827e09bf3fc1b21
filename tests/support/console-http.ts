// The console over plain HTTP, for tests of the real worker without a browser (the mail API test,
// where there is no dev mailbox): a D1 with an organiser made by `npm run organiser:add`
// (scripts/organisers.ts) and signed in by the link it prints, and the console's forms.
import { spawnSync } from 'node:child_process';
import { migratedState } from './dev-server.ts';

/** A migrated D1 folder holding one organiser, and the one-time sign-in path the command printed. */
export function stateWithOrganiser(email: string, role = 'owner'): { state: string; signInPath: string } {
  const state = migratedState();
  const out = spawnSync(
    process.execPath,
    ['scripts/organisers.ts', '--email', email, '--role', role, '--persist-to', state],
    { encoding: 'utf8' },
  );
  if (out.status !== 0) throw new Error(`organiser:add failed: ${out.stderr}`);
  return { state, signInPath: out.stdout.match(/\/signin\/g_[A-Za-z0-9_-]{43}/)![0] };
}

/** A console session over plain HTTP: the session cookie, and the CSRF token console forms carry. */
export async function consoleSession(url: string, signInPath: string, page: string) {
  const signed = await fetch(`${url}${signInPath}`, { method: 'POST', redirect: 'manual', headers: { origin: url } });
  const cookie = signed.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const html = await (await fetch(`${url}${page}`, { headers: { cookie } })).text();
  const csrf = html.match(/name="csrf" value="([^"]+)"/)?.[1];
  if (!csrf) throw new Error(`no console form at ${page}: ${html.slice(0, 300)}`);
  /** Posts a console form as the signed-in browser would; answers are not followed. */
  const post = (path: string, fields: [string, string][]) =>
    fetch(`${url}${path}`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie, origin: url, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams([['csrf', csrf], ...fields]).toString(),
    });
  return { cookie, csrf, post };
}

/** The hidden fields of the form that posts to `action` in a page (the preview's send form). */
export function hiddenFields(html: string, action: string): [string, string][] {
  const start = html.indexOf(`action="${action}"`);
  const form = html.slice(start, html.indexOf('</form>', start));
  const decode = (s: string) =>
    s
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&');
  return [...form.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)]
    .map((m) => [decode(m[1]!), decode(m[2]!)] as [string, string])
    .filter(([name]) => name !== 'csrf');
}
