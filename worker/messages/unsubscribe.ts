// One-click unsubscribe from an event's announcements (RFC 8058), apart from HTTP. The link's token
// names the message it came with (by id) and proves itself with a secret whose hash that message
// keeps; stopping is recorded per address and event, and asking again changes nothing.
import { hashSecret, sameHash } from '../access/secrets.ts';
import { unsubscribe, unsubscribeTarget } from '../db/mailings.ts';
import type { Services } from '../registrations/service.ts';

const TOKEN = /^u_([1-9][0-9]{0,11})\.[A-Za-z0-9_-]{43}$/;
export const UNSUBSCRIBE_TOKEN = 'u_[1-9][0-9]{0,11}\\.[A-Za-z0-9_-]{43}';

export type UnsubscribeTarget = { emailKey: string; eventId: string; stopped: boolean };

/** What a link stands for, or undefined when it does not work. */
export async function unsubscribeLink(s: Pick<Services, 'db'>, token: string): Promise<UnsubscribeTarget | undefined> {
  const match = TOKEN.exec(token);
  if (!match) return undefined;
  const [hash, row] = await Promise.all([hashSecret(token), unsubscribeTarget(s.db, Number(match[1]))]);
  if (!row?.hash || !row.eventId || !sameHash(row.hash, hash)) return undefined;
  return { emailKey: row.emailKey, eventId: row.eventId, stopped: Boolean(row.stopped) };
}

/** Stops the announcements a link stands for; undefined when the link does not work. */
export async function unsubscribeWith(
  s: Pick<Services, 'db' | 'now'>,
  token: string,
): Promise<UnsubscribeTarget | undefined> {
  const target = await unsubscribeLink(s, token);
  if (!target) return undefined;
  if (!target.stopped) await unsubscribe(s.db, { ...target, now: s.now.toISOString() });
  return { ...target, stopped: true };
}
