// The browser session behind the `__Host-gathering` cookie: found by the hash of its secret,
// created when a browser first needs one, and what it may manage.
import type { Context } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { database } from '../db/client.ts';
import { type BrowserSession, createSession, findSession, touchSession } from '../db/sessions.ts';
import type { AppEnv } from '../env.ts';
import { SESSION_ABSOLUTE_DAYS, sessionTimes } from './links.ts';
import { hashSecret, newSecret } from './secrets.ts';

const COOKIE = 'gathering';
const TOKEN = /^s_[A-Za-z0-9_-]{43}$/;

/** The session this request carries, if any (cached on the context). */
export async function currentSession(c: Context<AppEnv>): Promise<BrowserSession | undefined> {
  if (c.var.session) return c.var.session;
  const token = getCookie(c, COOKIE, 'host');
  if (!token || !TOKEN.test(token)) return undefined;
  const db = database(c.env.DB);
  const now = c.var.now;
  const session = await findSession(db, await hashSecret(token), now.toISOString(), sessionTimes(now).idleSince);
  if (!session) return undefined;
  // One write an hour at most keeps the idle expiry moving without a write per request.
  if (now.getTime() - Date.parse(session.lastSeenAt) > 3_600_000) {
    c.executionCtx.waitUntil(touchSession(db, session.id, now.toISOString()).catch(() => undefined));
  }
  c.set('session', session);
  return session;
}

/** The request's session, or a new one whose cookie goes with the response. */
export async function ensureSession(c: Context<AppEnv>): Promise<BrowserSession> {
  const existing = await currentSession(c);
  if (existing) return existing;
  const token = newSecret('s_');
  const now = c.var.now;
  const session = await createSession(
    database(c.env.DB),
    await hashSecret(token),
    now.toISOString(),
    sessionTimes(now).expiresAt,
  );
  setCookie(c, COOKIE, token, {
    prefix: 'host',
    httpOnly: true,
    sameSite: 'Lax',
    maxAge: SESSION_ABSOLUTE_DAYS * 86_400,
  });
  c.set('session', session);
  return session;
}
