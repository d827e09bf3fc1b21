// The browser session behind the `__Host-gathering` cookie: found by the hash of its secret,
// created when a browser first needs one, and started afresh when someone signs in (so a session
// id set before signing in is worth nothing after).
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import {
  type BrowserSession,
  createSession,
  endSessions,
  findSession,
  type IdleSince,
  moveGrants,
  touchSession,
} from '../db/sessions.ts';
import type { AppEnv } from '../env.ts';
import { type SessionKind, sessionLimits, sessionTimes } from './links.ts';
import { hashSecret, newSecret } from './secrets.ts';

const COOKIE = 'gathering';
const TOKEN = /^s_[A-Za-z0-9_-]{43}$/;

export const idleSince = (now: Date): IdleSince => ({
  link: sessionTimes(now, 'link').idleSince,
  person: sessionTimes(now, 'person').idleSince,
});

/** The session this request carries, if any (cached on the context). */
export async function currentSession(c: Context<AppEnv>): Promise<BrowserSession | undefined> {
  if (c.var.session) return c.var.session;
  const token = getCookie(c, COOKIE, 'host');
  if (!token || !TOKEN.test(token)) return undefined;
  const db = c.var.db;
  const now = c.var.now;
  const session = await findSession(db, await hashSecret(token), now.toISOString(), idleSince(now));
  if (!session) return undefined;
  // One write an hour at most keeps the idle expiry moving without a write per request.
  if (now.getTime() - Date.parse(session.lastSeenAt) > 3_600_000) {
    c.executionCtx.waitUntil(touchSession(db, session.id, now.toISOString()).catch(() => undefined));
  }
  c.set('session', session);
  return session;
}

async function startSession(c: Context<AppEnv>, kind: SessionKind, personId?: number): Promise<BrowserSession> {
  const token = newSecret('s_');
  const now = c.var.now;
  const session = await createSession(c.var.db, {
    tokenHash: await hashSecret(token),
    now: now.toISOString(),
    expiresAt: sessionTimes(now, kind).expiresAt,
    personId,
  });
  setCookie(c, COOKIE, token, {
    prefix: 'host',
    httpOnly: true,
    sameSite: 'Lax',
    maxAge: sessionLimits[kind].absoluteDays * 86_400,
  });
  c.set('session', session);
  return session;
}

/** The request's session, or a new one whose cookie goes with the response. */
export async function ensureSession(c: Context<AppEnv>): Promise<BrowserSession> {
  return (await currentSession(c)) ?? startSession(c, 'link');
}

/** Signing in: a new session for the person, keeping what this browser could already manage. */
export async function signInSession(c: Context<AppEnv>, personId: number): Promise<BrowserSession> {
  const before = await currentSession(c);
  const session = await startSession(c, 'person', personId);
  if (before) await moveGrants(c.var.db, before.id, session.id);
  return session;
}

/** Signing out: this browser's session ends, or every session of the person. */
export async function signOut(c: Context<AppEnv>, everywhere: boolean) {
  const session = await currentSession(c);
  if (session) {
    const which = everywhere && session.personId !== null ? { personId: session.personId } : { sessionId: session.id };
    await endSessions(c.var.db, which);
  }
  deleteCookie(c, COOKIE, { prefix: 'host', path: '/', secure: true });
}
