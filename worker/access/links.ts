// How long links and browser sessions last. Pure.
import type { CatalogueEvent } from '../../model/catalogue.ts';

/** Manage links keep working this long after the event ends, for questions and receipts. */
export const LINK_GRACE_DAYS = 30;

export const linkExpiry = (event: Pick<CatalogueEvent, 'endUtc'>) =>
  new Date(Date.parse(event.endUtc) + LINK_GRACE_DAYS * 86_400_000).toISOString();

/** A browser session ends after this long without use, and this long after it started, whatever happens. */
export const SESSION_IDLE_HOURS = 24;
export const SESSION_ABSOLUTE_DAYS = 7;

export const sessionTimes = (now: Date) => ({
  expiresAt: new Date(now.getTime() + SESSION_ABSOLUTE_DAYS * 86_400_000).toISOString(),
  idleSince: new Date(now.getTime() - SESSION_IDLE_HOURS * 3_600_000).toISOString(),
});

/** The name of the session cookie; `__Host-` makes browsers insist on Secure, Path=/ and no Domain. */
export const SESSION_COOKIE = '__Host-gathering';
