// The delivery step: sends due messages, records every attempt, retries with backoff and never
// drops a message. Runs after each write (waitUntil) and every minute from the cron trigger.
import type { CatalogueEvent } from '../../model/catalogue.ts';
import { formatWhen } from '../../model/time-format.ts';
import { linkExpiry, SIGN_IN_MINUTES } from '../access/links.ts';
import { hashSecret, newCode, newSecret } from '../access/secrets.ts';
import type { ContentSource } from '../content/source.ts';
import { database } from '../db/client.ts';
import { setUnsubscribeHash } from '../db/mailings.ts';
import { claimDue, type OutboxMessage, recordAttempt } from '../db/outbox.ts';
import { activeRegistrationsTo, mintSignIn } from '../db/people.ts';
import { addManageLink } from '../db/sessions.ts';
import { openInvitationTo, setInvitationToken } from '../db/team.ts';
import type { Bindings } from '../env.ts';
import { eventCalendar } from '../feeds/calendar.ts';
import { invitationMessage } from './organiser-texts.ts';
import { type OutgoingMessage, type Sender, senderFor } from './senders.ts';
import { fillPlaceholders, myLinksMessage, signInMessage } from './texts.ts';

export const MAX_ATTEMPTS = 8;

/** Minutes to wait after the n-th failed attempt: 1, 2, 4 … capped at six hours. */
export const backoffMinutes = (attempt: number) => Math.min(2 ** (attempt - 1), 360);

export type DeliveryReport = { sent: number; retried: number; failed: number };

export type DeliveryOptions = {
  sender?: Sender;
  now?: Date;
  limit?: number;
  /** Deliver only this registration's messages. */
  registrationId?: number;
  /** Links already stored for some messages (by message id), so none is minted for them now. */
  links?: Map<number, { token: string; hash: string }>;
};

export type DeliveryContext = { env: Bindings; content: ContentSource };

/**
 * Messages one run delivers at most. Each costs a request to the mail API and two or three D1
 * queries, and an invocation on the free plan may make 50 of each: 12 a run, with the cron
 * trigger every minute, is over 17,000 messages a day.
 */
export const DELIVERIES_PER_RUN = 12;

export async function deliverDue(ctx: DeliveryContext, options: DeliveryOptions = {}): Promise<DeliveryReport> {
  const sender = options.sender ?? senderFor(ctx.env);
  // Without a transport nothing is claimed: messages wait, pending, until mail is configured.
  if (!sender) return { sent: 0, retried: 0, failed: 0 };
  const db = database(ctx.env.DB);
  const now = options.now ?? new Date();
  const lease = new Date(now.getTime() + 5 * 60_000).toISOString();
  const claimed = await claimDue(
    db,
    now.toISOString(),
    lease,
    options.limit ?? DELIVERIES_PER_RUN,
    options.registrationId,
  );
  return deliverMessages(ctx, claimed, { ...options, sender });
}

/** Sends messages this run has claimed, in order, and records each attempt. */
export async function deliverMessages(
  ctx: DeliveryContext,
  messages: OutboxMessage[],
  options: DeliveryOptions = {},
): Promise<DeliveryReport> {
  const report: DeliveryReport = { sent: 0, retried: 0, failed: 0 };
  const sender = options.sender ?? senderFor(ctx.env);
  // Claimed but no transport: the lease runs out and the messages are due again, still pending.
  if (!sender || messages.length === 0) return report;
  const db = database(ctx.env.DB);
  const now = options.now ?? new Date();
  const at = now.toISOString();
  const site = (await ctx.content.site()).siteUrl;
  for (const m of [...messages].sort((a, b) => a.id - b.id)) {
    // Links minted for this attempt; a failed attempt removes them again.
    const minted: string[] = [];
    try {
      const { subject, text, attachments, headers } = await compose(
        ctx,
        db,
        m,
        { site, now, minted },
        options.links?.get(m.id),
      );
      const to = { address: m.toAddress, name: m.toName };
      await sender.send({ id: m.id, kind: m.kind, to, subject, text, attachments, headers });
      await recordAttempt(db, { messageId: m.id, at, sender: sender.name, ok: true });
      report.sent++;
    } catch (error) {
      const attempt = m.attempts + 1;
      const retryAt =
        attempt >= MAX_ATTEMPTS ? null : new Date(now.getTime() + backoffMinutes(attempt) * 60_000).toISOString();
      const reason = String((error as Error).message ?? error).slice(0, 500);
      const failed = { messageId: m.id, at, sender: sender.name, ok: false as const, error: reason, retryAt };
      await recordAttempt(db, { ...failed, linkHashes: minted });
      if (retryAt) report.retried++;
      else report.failed++;
      console.error(
        `outbox: message ${m.id} (${m.kind}) attempt ${attempt} failed` +
          (retryAt ? `; retrying at ${retryAt}` : '; giving up, kept as failed'),
      );
    }
  }
  return report;
}

/**
 * A message as it goes out. Links and codes are minted now, each delivered by email (following a
 * link proves the address), so the outbox never holds a usable secret; `minted` collects the manage
 * links made, which a failed attempt removes again.
 */
async function compose(
  ctx: DeliveryContext,
  db: ReturnType<typeof database>,
  m: OutboxMessage,
  { site, now, minted }: { site: string; now: Date; minted: string[] },
  stored?: { token: string; hash: string },
): Promise<{
  subject: string;
  text: string;
  attachments: OutgoingMessage['attachments'];
  headers?: OutgoingMessage['headers'];
}> {
  const at = now.toISOString();
  const mintLink = async (registrationId: number, expiresAt: string | null) => {
    const token = newSecret('m_');
    const tokenHash = await hashSecret(token);
    await addManageLink(db, { registrationId, tokenHash, messageId: m.id, now: at, expiresAt });
    minted.push(tokenHash);
    return `${site}/manage/${token}`;
  };
  const event = m.eventId ? await ctx.content.event(m.eventId) : undefined;
  const attachments =
    m.attachCalendar && event
      ? [
          {
            filename: `${event.id}.ics`,
            contentType: 'text/calendar; charset=utf-8; method=PUBLISH',
            content: calendarAttachment(event),
          },
        ]
      : [];
  if (m.kind === 'sign-in' && m.signInId !== null) {
    const token = newSecret('g_');
    const code = newCode();
    const expiresAt = new Date(now.getTime() + SIGN_IN_MINUTES * 60_000).toISOString();
    await mintSignIn(db, m.signInId, {
      tokenHash: await hashSecret(token),
      codeHash: await hashSecret(code),
      expiresAt,
    });
    const { subject, body } = signInMessage(`${site}/signin/${token}`, code, SIGN_IN_MINUTES);
    return { subject, text: body, attachments };
  }
  if (m.kind === 'my-links') {
    const links = [];
    for (const r of await activeRegistrationsTo(db, m.toKey)) {
      const e = await ctx.content.event(r.eventId);
      // A link that would be born expired (the event ended long ago) is left out.
      if (e && linkExpiry(e) > at)
        links.push({ title: e.title, when: formatWhen(e), url: await mintLink(r.id, linkExpiry(e)) });
    }
    const { subject, body } = myLinksMessage(m.toName, links);
    return { subject, text: body, attachments };
  }
  if (m.kind === 'invitation') {
    const invitation = await openInvitationTo(db, m.toKey, at);
    // Revoking withdraws an undelivered message, so this is an invitation that expired meanwhile.
    if (!invitation) throw new Error('the invitation is no longer open');
    const token = newSecret('i_');
    await setInvitationToken(db, invitation.id, await hashSecret(token));
    const events = invitation.eventIds
      ? await Promise.all(invitation.eventIds.map(async (id) => (await ctx.content.event(id))?.title ?? id))
      : null;
    const { subject, body } = invitationMessage({
      url: `${site}/invitations/${token}`,
      email: invitation.email,
      role: invitation.role,
      invitedBy: invitation.invitedBy,
      events,
    });
    return { subject, text: body, attachments };
  }
  const wantsLink = m.registrationId !== null && m.body.includes('{{manage_url}}');
  if (wantsLink && stored) minted.push(stored.hash);
  const manageUrl = !wantsLink
    ? undefined
    : stored
      ? `${site}/manage/${stored.token}`
      : await mintLink(m.registrationId!, event ? linkExpiry(event) : null);
  // An announcement's one-click unsubscribe (RFC 8058): the message's id finds it, its secret proves it.
  let unsubscribeUrl: string | undefined;
  if (m.kind === 'mailing' && m.body.includes('{{unsubscribe_url}}')) {
    const token = `u_${m.id}.${newSecret()}`;
    await setUnsubscribeHash(db, m.id, await hashSecret(token));
    unsubscribeUrl = `${site}/unsubscribe/${token}`;
  }
  const text = fillPlaceholders(m.body, {
    name: m.toName,
    manage_url: manageUrl,
    note: m.params?.note ?? undefined,
    other: m.params?.other ?? undefined,
    unsubscribe_url: unsubscribeUrl,
  });
  const headers = unsubscribeUrl
    ? { 'List-Unsubscribe': `<${unsubscribeUrl}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' }
    : undefined;
  return { subject: m.subject, text, attachments, headers };
}

// The same .ics goes with every confirmation of an event: built once per event revision, for the
// events an isolate delivers most lately (a few dozen, so memory stays small).
const attachmentCache = new Map<string, string>();
function calendarAttachment(event: CatalogueEvent): string {
  const key = `${event.id}@${event.revision.hash}`;
  let ics = attachmentCache.get(key);
  if (!ics) {
    ics = eventCalendar(event);
    if (attachmentCache.size >= 50) attachmentCache.delete(attachmentCache.keys().next().value!);
    attachmentCache.set(key, ics);
  }
  return ics;
}

/** Fire-and-forget delivery after a write; errors are logged, the cron trigger catches up. */
export function scheduleDelivery(
  ctx: DeliveryContext,
  options: { registrationId?: number; claimed?: OutboxMessage[]; links?: DeliveryOptions['links'] } = {},
): Promise<void> {
  const run = options.claimed
    ? deliverMessages(ctx, options.claimed, { links: options.links })
    : deliverDue(ctx, { registrationId: options.registrationId });
  return run.then(
    () => undefined,
    (error) => console.error('outbox: delivery run failed', (error as Error).message),
  );
}
