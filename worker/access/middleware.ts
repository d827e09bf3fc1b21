// Access as middleware: each route declares what it needs (an event from its parameters, an
// organiser allowed to take an action, the holder of a registration) and handlers find it resolved
// in c.var. The rules themselves are the table in rules.ts.
import type { Context, MiddlewareHandler } from 'hono';
import { organiserOf } from '../db/people.ts';
import { registrationById } from '../db/registrations.ts';
import { grantOf, personById } from '../db/sessions.ts';
import { findActiveToken, touchToken } from '../db/tokens.ts';
import type { AppEnv } from '../env.ts';
import { fail, ProblemError } from '../http/problems.ts';
import { eventCancelledRefusal } from '../registrations/lifecycle.ts';
import { type Action, organiserMay, publicMay } from './rules.ts';
import { hashSecret, sameHash } from './secrets.ts';
import { currentSession } from './session.ts';

/** Resolves c.var.event from the `eventId` parameter: 404 problem when there is no such event. */
export function eventFromParam(param = 'eventId'): MiddlewareHandler<AppEnv> {
  return async function loadEvent(c, next) {
    const id = c.req.param(param) ?? '';
    const event = await c.var.content.event(id);
    if (!event) return fail('event_not_found', `There is no event with id "${id.slice(0, 120)}".`);
    c.set('event', event);
    await next();
  };
}

const unauthorized = (message: string) =>
  new ProblemError({
    code: 'unauthorized',
    message,
    headers: { 'www-authenticate': 'Bearer realm="gathering-admin"' },
  });

const TOKEN = /^gat_[A-Za-z0-9_-]{43}$/;

/**
 * An organiser: a script with a bearer token (found by its hash), or a person signed in whose
 * organiser role is stored. Neither: 401.
 */
export function organiserAccess(): MiddlewareHandler<AppEnv> {
  return async function authenticate(c, next) {
    const header = c.req.header('authorization');
    const db = c.var.db;
    if (header === undefined) {
      const session = await currentSession(c);
      const person = session?.personId != null ? await personById(db, session.personId) : undefined;
      const role = person ? await organiserOf(db, person.id) : undefined;
      if (!person || !role)
        throw unauthorized(
          'Sign in as an organiser at /signin, or send an organiser token as "Authorization: Bearer <token>".',
        );
      c.set('organiser', { name: person.email, role: role.role, eventIds: role.eventIds, personId: person.id });
      return next();
    }
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    // A malformed token is refused before the database is asked.
    const hash = match && TOKEN.test(match[1]!) ? await hashSecret(match[1]!) : undefined;
    const token = hash ? await findActiveToken(db, hash) : undefined;
    // Found by its hash through the index; the constant-time comparison guards the final equality.
    if (!token || !hash || !sameHash(token.tokenHash, hash))
      throw unauthorized(
        match
          ? 'This token is not valid, or it was revoked.'
          : 'Send an organiser token as "Authorization: Bearer <token>". Create one with npm run token:create.',
      );
    // Named as a token wherever actions are recorded, so no token can pass for a person.
    const name = `token #${token.id} (${token.name})`;
    c.set('organiser', { name, role: token.role, eventIds: token.eventIds, tokenId: token.id });
    c.executionCtx.waitUntil(touchToken(db, token.id, c.var.now.toISOString()).catch(() => undefined));
    await next();
  };
}

/** 409 while the route's event (c.var.event) is cancelled; `what` says what waits. */
export function whileEventOn(what: string): MiddlewareHandler<AppEnv> {
  return async function refuseWhileCancelled(c, next) {
    const stopped = eventCancelledRefusal(c.var.event, what);
    if (stopped) return fail(stopped.code, stopped.message);
    await next();
  };
}

/** 403 unless the organiser may take `action` on the route's event (or on everything). */
export function can(action: Action): MiddlewareHandler<AppEnv> {
  return async function checkAccess(c, next) {
    const decision = organiserMay(c.var.organiser, action, c.req.param('eventId'));
    if (!decision.ok) return fail('forbidden', decision.reason);
    await next();
  };
}

/**
 * The holder of a registration: the person signed in, whose registration it is, or this browser,
 * which followed a link to it. Resolves c.var.registration, c.var.event and c.var.grant; anyone
 * else gets the "link not found" page.
 */
export function registrationHolder(
  notFound: (c: Context<AppEnv>) => Response | Promise<Response>,
): MiddlewareHandler<AppEnv> {
  return async function loadRegistration(c, next) {
    const id = Number(c.req.param('id'));
    const session = Number.isSafeInteger(id) && id > 0 ? await currentSession(c) : undefined;
    const db = c.var.db;
    const registration = session ? await registrationById(db, id) : undefined;
    const own = session?.personId != null && registration?.personId === session.personId;
    const granted = own ? { proven: true } : session && registration ? await grantOf(db, session.id, id) : undefined;
    // Once the address is proven, only proof opens the registration (proving removes other grants too).
    const held = granted && (granted.proven || registration?.personId === null) ? granted : undefined;
    const event = held && registration ? await c.var.content.event(registration.eventId) : undefined;
    if (!held || !registration || !event) return notFound(c);
    const role = own ? 'person' : held.proven && registration.personId !== null ? 'proven' : 'holder';
    if (!publicMay(role, 'registration.manage')) return notFound(c);
    c.set('registration', registration);
    c.set('event', event);
    c.set('grant', { proven: role !== 'holder', role });
    await next();
  };
}

/** Whether the holder resolved by registrationHolder may take an action, by the access table. */
export const holderMay = (c: Context<AppEnv>, action: Action) => publicMay(c.var.grant.role, action);

/** Whether this browser may join the registration's person across events (their email is proven). */
export const mayAggregate = (c: Context<AppEnv>) => holderMay(c, 'person.aggregate');

/** A person signed in: resolves c.var.person; anyone else is sent to sign in first. */
export function signedIn(): MiddlewareHandler<AppEnv> {
  return async function loadPerson(c, next) {
    const session = await currentSession(c);
    const person = session?.personId != null ? await personById(c.var.db, session.personId) : undefined;
    if (!person || !publicMay('person', 'person.read')) {
      return c.redirect(`/signin?next=${encodeURIComponent(new URL(c.req.url).pathname)}`, 303);
    }
    c.set('person', person);
    await next();
  };
}

/**
 * The organiser console: a person signed in whose organiser role is stored. Resolves c.var.person
 * and c.var.organiser; someone not signed in is sent to sign in first (and brought back), someone
 * signed in without a role gets `notOrganiser`.
 */
export function consoleAccess(
  notOrganiser: (c: Context<AppEnv>) => Response | Promise<Response>,
): MiddlewareHandler<AppEnv> {
  return async function loadConsoleOrganiser(c, next) {
    const session = await currentSession(c);
    const db = c.var.db;
    const person = session?.personId != null ? await personById(db, session.personId) : undefined;
    if (!person) {
      if (c.req.method !== 'GET') throw unauthorized('Your sign-in has ended. Sign in again at /signin.');
      const url = new URL(c.req.url);
      return c.redirect(`/signin?next=${encodeURIComponent(url.pathname + url.search)}`, 303);
    }
    const role = await organiserOf(db, person.id);
    if (!role) return notOrganiser(c);
    c.set('person', person);
    c.set('organiser', { name: person.email, role: role.role, eventIds: role.eventIds, personId: person.id });
    await next();
  };
}
