// The delivery step: sends due messages, records every attempt, retries with backoff and never
// drops a message. Runs after each write (waitUntil) and every minute from the cron trigger.
import type { CatalogueEvent } from '../../model/catalogue.ts';
import { linkExpiry } from '../access/links.ts';
import { hashSecret, newSecret } from '../access/secrets.ts';
import type { ContentSource } from '../content/source.ts';
import { database } from '../db/client.ts';
import { claimDue, type OutboxMessage, recordAttempt } from '../db/outbox.ts';
import { addManageLink } from '../db/sessions.ts';
import type { Bindings } from '../env.ts';
import { eventCalendar } from '../feeds/calendar.ts';
import { type Sender, senderFor } from './senders.ts';
import { fillPlaceholders } from './texts.ts';

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
};

export type DeliveryContext = { env: Bindings; content: ContentSource };

export async function deliverDue(ctx: DeliveryContext, options: DeliveryOptions = {}): Promise<DeliveryReport> {
  const sender = options.sender ?? senderFor(ctx.env);
  // Without a transport nothing is claimed: messages wait, pending, until mail is configured.
  if (!sender) return { sent: 0, retried: 0, failed: 0 };
  const db = database(ctx.env.DB);
  const now = options.now ?? new Date();
  const lease = new Date(now.getTime() + 5 * 60_000).toISOString();
  const claimed = await claimDue(db, now.toISOString(), lease, options.limit ?? 50, options.registrationId);
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
    const event = await ctx.content.event(m.eventId);
    let manageUrl: string | undefined;
    let linkHash: string | undefined;
    if (m.body.includes('{{manage_url}}')) {
      // Each message gets its own link, minted now and delivered by email: following it proves
      // the address. The outbox never holds a usable secret.
      const token = newSecret('m_');
      const expiresAt = event ? linkExpiry(event) : null;
      linkHash = await hashSecret(token);
      await addManageLink(db, {
        registrationId: m.registrationId,
        tokenHash: linkHash,
        messageId: m.id,
        now: at,
        expiresAt,
      });
      manageUrl = `${site}/manage/${token}`;
    }
    const text = fillPlaceholders(m.body, {
      name: m.toName,
      manage_url: manageUrl,
      note: m.params?.note ?? undefined,
      other: m.params?.other ?? undefined,
    });
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
    try {
      await sender.send({
        id: m.id,
        kind: m.kind,
        to: { address: m.toAddress, name: m.toName },
        subject: m.subject,
        text,
        attachments,
      });
      await recordAttempt(db, { messageId: m.id, at, sender: sender.name, ok: true });
      report.sent++;
    } catch (error) {
      const attempt = m.attempts + 1;
      const retryAt =
        attempt >= MAX_ATTEMPTS ? null : new Date(now.getTime() + backoffMinutes(attempt) * 60_000).toISOString();
      const reason = String((error as Error).message ?? error).slice(0, 500);
      await recordAttempt(db, {
        messageId: m.id,
        at,
        sender: sender.name,
        ok: false,
        error: reason,
        retryAt,
        linkHash,
      });
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

// The same .ics goes with every confirmation of an event: build it once per event revision.
const attachmentCache = new Map<string, string>();
function calendarAttachment(event: CatalogueEvent): string {
  const key = `${event.id}@${event.revision.hash}`;
  let ics = attachmentCache.get(key);
  if (!ics) {
    ics = eventCalendar(event, event.revision.modified);
    attachmentCache.set(key, ics);
  }
  return ics;
}

/** Fire-and-forget delivery after a write; errors are logged, the cron trigger catches up. */
export function scheduleDelivery(
  ctx: DeliveryContext,
  options: { registrationId?: number; claimed?: OutboxMessage[] } = {},
): Promise<void> {
  const run = options.claimed
    ? deliverMessages(ctx, options.claimed)
    : deliverDue(ctx, { registrationId: options.registrationId });
  return run.then(
    () => undefined,
    (error) => console.error('outbox: delivery run failed', (error as Error).message),
  );
}
