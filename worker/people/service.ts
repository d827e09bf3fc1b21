// People and signing in, apart from HTTP: asking for a link (answered the same whether or not the
// address is known), signing in with the link or the code, and what My Gathering shows.
import { EMAIL, emailKey, mailboxKey } from '../../model/email.ts';
import { oneLine } from '../../model/text.ts';
import { CODE_TRIES, SIGN_IN_MESSAGES_PER_HOUR } from '../access/links.ts';
import { hashSecret, sameHash } from '../access/secrets.ts';
import { personalFeedOf } from '../db/calendars.ts';
import {
  countCodeTry,
  messagesTo,
  organiserOf,
  type Person,
  provePerson,
  recordSignIn,
  registrationsOf,
  requestMyLinks,
  requestSignIn,
  signInRequestByToken,
  signInsOf,
  useSignInRequest,
} from '../db/people.ts';
import type { Problem } from '../http/problems.ts';
import { scheduleDelivery } from '../messages/delivery.ts';
import { PUBLIC_MESSAGES_PER_HOUR } from '../messages/kinds.ts';
import type { Services } from '../registrations/service.ts';

const deliver = (s: Services) => s.background(scheduleDelivery({ env: s.env, content: s.content }));

/** A typed address, checked: the key it is compared under, or what is wrong with it. */
export function readEmail(input: unknown): { ok: true; email: string; key: string } | { ok: false; problem: Problem } {
  const email = typeof input === 'string' ? oneLine(input) : '';
  if (!EMAIL.test(email) || email.length > 254) {
    const message = 'Type your email address, like name@example.org.';
    return { ok: false, problem: { code: 'validation_failed', message, fields: [{ field: 'email', message }] } };
  }
  return { ok: true, email, key: emailKey(email) };
}

/**
 * Sends a sign-in link and code to an address, whoever it belongs to: an address we have never seen
 * becomes a person when the link is followed. At most a few messages an hour go to one address.
 */
export async function askToSignIn(s: Services, email: string, key: string) {
  const now = s.now.toISOString();
  const mailbox = mailboxKey(email);
  if (await requestSignIn(s.db, { emailKey: key, email, mailbox, now, perHour: SIGN_IN_MESSAGES_PER_HOUR })) deliver(s);
}

export type SignedIn = { ok: true; person: Person } | { ok: false };

/** The link from the message, confirmed by a POST: signs in once, whatever arrives at the same time. */
export async function signInWithLink(s: Services, token: string, agent: string): Promise<SignedIn> {
  const hash = /^g_[A-Za-z0-9_-]{43}$/.test(token) ? await hashSecret(token) : undefined;
  const request = hash ? await signInRequestByToken(s.db, hash) : undefined;
  if (!request?.tokenHash || !hash || !sameHash(request.tokenHash, hash)) return { ok: false };
  if (!(await useSignInRequest(s.db, request.id, s.now.toISOString()))) return { ok: false };
  return signedIn(s, request.emailKey, request.email, agent, 'link');
}

/** The code from the message, typed on another device: five tries, counted before comparing. */
export async function signInWithCode(s: Services, key: string, code: string, agent: string): Promise<SignedIn> {
  const now = s.now.toISOString();
  const attempt = await countCodeTry(s.db, key, now, CODE_TRIES);
  if (!attempt || !/^\d{6}$/.test(code) || !sameHash(attempt.codeHash, await hashSecret(code))) return { ok: false };
  if (!(await useSignInRequest(s.db, attempt.id, now))) return { ok: false };
  return signedIn(s, attempt.emailKey, attempt.email, agent, 'code');
}

async function signedIn(
  s: Services,
  key: string,
  email: string,
  agent: string,
  method: 'link' | 'code',
): Promise<SignedIn> {
  const now = s.now.toISOString();
  // Proving the address makes the person, and every registration with that address theirs.
  const person = await provePerson(s.db, key, email, now);
  await recordSignIn(s.db, { personId: person.id, at: now, agent, method });
  return { ok: true, person };
}

/** Everything My Gathering shows a person. */
export async function myGathering(s: Services, person: Person) {
  const [registrations, messages, signIns, feed, organiser] = await Promise.all([
    registrationsOf(s.db, person.id),
    messagesTo(s.db, person.emailKey),
    signInsOf(s.db, person.id),
    personalFeedOf(s.db, person.id),
    organiserOf(s.db, person.id),
  ]);
  const events = new Map(
    await Promise.all(
      [...new Set(registrations.map((r) => r.eventId))].map(async (id) => [id, await s.content.event(id)] as const),
    ),
  );
  const organises = organiser && {
    role: organiser.role,
    events: organiser.eventIds
      ? await Promise.all(organiser.eventIds.map(async (id) => (await s.content.event(id))?.title ?? id))
      : null,
  };
  return { registrations, events, messages, signIns, feed, reminders: feed?.reminders, organiser: organises };
}

/**
 * Emails an address the links to all its registrations, in one message, answering the same
 * whether or not it has any: nothing tells the caller whether the address is known. At most
 * PUBLIC_MESSAGES_PER_HOUR such messages go to one mailbox in an hour.
 */
export async function emailMyLinks(s: Services, key: string) {
  const now = s.now.toISOString();
  if (await requestMyLinks(s.db, { emailKey: key, now, perHour: PUBLIC_MESSAGES_PER_HOUR })) deliver(s);
}
