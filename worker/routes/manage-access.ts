// Reaching a person's own pages by the secret in their link: found by hash, compared in constant time.
import type { Context } from 'hono';
import { html } from 'hono/html';
import { database } from '../db/client.ts';
import { findByManageToken } from '../db/registrations.ts';
import { hashSecret, sameHash } from '../domain/secrets.ts';
import type { AppEnv } from '../env.ts';
import { page } from '../pages/layout.ts';

export function privateHeaders(c: Context) {
  c.header('cache-control', 'private, no-store');
  c.header('referrer-policy', 'no-referrer');
  c.header('x-robots-tag', 'noindex');
}

export async function load(c: Context<AppEnv>) {
  const token = c.req.param('token') ?? '';
  const hash = /^m_[A-Za-z0-9_-]{43}$/.test(token) ? await hashSecret(token) : undefined;
  const found = hash ? await findByManageToken(database(c.env.DB), hash) : undefined;
  // Found by its hash through the index; the constant-time check guards the final equality too.
  const registration = found && hash && sameHash(found.linkHash, hash) ? found.registration : undefined;
  const event = registration ? c.var.catalogue.find(registration.eventId) : undefined;
  return registration && event ? { token, registration, event } : undefined;
}

export function notFound(c: Context<AppEnv>) {
  privateHeaders(c);
  return c.html(
    page(
      'Link not found',
      html`<h1>This link does not work</h1><p>It may be mistyped, or the registration was deleted. Registering again with the same email sends you a fresh link.</p><p><a href="/">See all events</a></p>`,
      { noindex: true },
    ),
    404,
  );
}
