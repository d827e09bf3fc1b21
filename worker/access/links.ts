// How long links and browser sessions last. Pure.
import type { CatalogueEvent } from '../../model/catalogue.ts';

/** Manage links keep working this long after the event ends, for questions and receipts. */
export const LINK_GRACE_DAYS = 30;

export const linkExpiry = (event: Pick<CatalogueEvent, 'endUtc'>) =>
  new Date(Date.parse(event.endUtc) + LINK_GRACE_DAYS * 86_400_000).toISOString();

/**
 * A browser session ends after a while without use, and some time after it started whatever
 * happens: short for a browser that only followed a link, longer for a person who signed in.
 */
export const sessionLimits = {
  link: { idleHours: 24, absoluteDays: 7 },
  person: { idleHours: 14 * 24, absoluteDays: 30 },
} as const;

export type SessionKind = keyof typeof sessionLimits;

export const sessionTimes = (now: Date, kind: SessionKind = 'link') => ({
  expiresAt: new Date(now.getTime() + sessionLimits[kind].absoluteDays * 86_400_000).toISOString(),
  idleSince: new Date(now.getTime() - sessionLimits[kind].idleHours * 3_600_000).toISOString(),
});

/** Sign-in links and codes work once, for this long after they were sent. */
export const SIGN_IN_MINUTES = 15;
/** Tries a code allows before it stops working. */
export const CODE_TRIES = 5;
/** Sign-in messages one address receives in an hour at most, whoever asks. */
export const SIGN_IN_MESSAGES_PER_HOUR = 3;

/** The name of the session cookie; `__Host-` makes browsers insist on Secure, Path=/ and no Domain. */
export const SESSION_COOKIE = '__Host-gathering';
