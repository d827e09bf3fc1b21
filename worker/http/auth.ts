// Bearer-token authentication for the organiser API, and the one place that decides what a
// token's role and scope allow. Missing or wrong token: 401. Wrong role or scope: 403.
import type { Context, MiddlewareHandler } from 'hono';
import { database } from '../db/client.ts';
import type { TokenRole } from '../db/schema.ts';
import { type ApiToken, findActiveToken, touchToken } from '../db/tokens.ts';
import { hashSecret, sameHash } from '../domain/secrets.ts';
import type { AppEnv } from '../env.ts';
import { ProblemError } from './problems.ts';

export type AdminEnv = AppEnv & { Variables: AppEnv['Variables'] & { token: ApiToken } };

export type Permission = 'read' | 'manage' | 'check-in';

const allowed: Record<TokenRole, Permission[]> = {
  viewer: ['read'],
  manager: ['read', 'manage', 'check-in'],
  'check-in': ['check-in'],
};

const unauthorized = (message: string) =>
  new ProblemError({
    code: 'unauthorized',
    message,
    headers: { 'www-authenticate': 'Bearer realm="gathering-admin"' },
  });

export function requireToken(): MiddlewareHandler<AdminEnv> {
  return async function authenticate(c, next) {
    const header = c.req.header('authorization') ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match)
      throw unauthorized(
        'Send an organiser token as "Authorization: Bearer <token>". Create one with npm run token:create.',
      );
    const hash = await hashSecret(match[1]!);
    const db = database(c.env.DB);
    const token = await findActiveToken(db, hash);
    // The lookup is by hash; the constant-time comparison guards the final equality as well.
    if (!token || !sameHash(token.tokenHash, hash)) throw unauthorized('This token is not valid, or it was revoked.');
    c.set('token', token);
    c.executionCtx.waitUntil(touchToken(db, token.id, new Date().toISOString()).catch(() => undefined));
    await next();
  };
}

/** Throws 403 unless the token may do `permission` on `eventId` (or on every event when omitted). */
export function authorize(c: Context<AdminEnv>, permission: Permission, eventId?: string) {
  const token = c.var.token;
  if (!allowed[token.role].includes(permission)) {
    throw new ProblemError({
      code: 'forbidden',
      message: `A ${token.role} token cannot ${permission === 'read' ? 'read registrations' : permission === 'manage' ? 'change registrations' : 'check people in'}.`,
    });
  }
  if (token.eventIds && (!eventId || !token.eventIds.includes(eventId))) {
    throw new ProblemError({
      code: 'forbidden',
      message: eventId ? `This token is not scoped to event "${eventId}".` : 'This needs a token scoped to all events.',
    });
  }
}
