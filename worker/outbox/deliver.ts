// The delivery step: sends due messages, records every attempt, retries with backoff and never
// drops a message. Runs after each write (waitUntil) and every minute from the cron trigger.
import type { CatalogueEvent } from '../../model/catalogue.ts';
import type { CatalogueIndex } from '../catalogue.ts';
import { database } from '../db/client.ts';
import { claimDue, type OutboxMessage, recordAttempt } from '../db/outbox.ts';
import { addManageLink } from '../db/registrations.ts';
import { hashSecret, newSecret } from '../domain/secrets.ts';
import type { Bindings } from '../env.ts';
import { eventCalendar } from '../feeds/calendar.ts';
import { type Sender, senderFor } from './senders.ts';

export const MAX_ATTEMPTS = 8;

/** Minutes to wait after the n-th failed attempt: 1, 2, 4 … capped at six hours. */
export const backoffMinutes = (attempt: number) => Math.min(2 ** (attempt - 1), 360);

export type DeliveryReport = { sent: number; retried: number; failed: number };

export type DeliveryOptions = {
  sender?: Sender;
  now?: Date;
  limit?: number;
  /** Deliver only this registration's messages; with its manage token when the caller still holds it. */
  only?: { registrationId: number; manageToken?: string };
};

export async function deliverDue(
  env: Bindings,
  catalogue: CatalogueIndex,
  options: DeliveryOptions = {},
): Promise<DeliveryReport> {
  const db = database(env.DB);
  const now = options.now ?? new Date();
  const lease = new Date(now.getTime() + 5 * 60_000).toISOString();
  const claimed = await claimDue(db, now.toISOString(), lease, options.limit ?? 50, options.only?.registrationId);
  return deliverMessages(env, catalogue, claimed, options);
}

/** Sends messages this run has claimed, in order, and records each attempt. */
export async function deliverMessages(
  env: Bindings,
  catalogue: CatalogueIndex,
  messages: OutboxMessage[],
  options: DeliveryOptions = {},
): Promise<DeliveryReport> {
  const db = database(env.DB);
  const sender = options.sender ?? senderFor(env);
  const now = options.now ?? new Date();
  const at = now.toISOString();
  const site = catalogue.catalogue.siteUrl;
  const report: DeliveryReport = { sent: 0, retried: 0, failed: 0 };
  for (const m of [...messages].sort((a, b) => a.id - b.id)) {
    let text = m.body.replaceAll('{{name}}', m.toName);
    if (text.includes('{{manage_url}}')) {
      // The registering request still holds the token it just created; otherwise each message
      // gets its own link, minted now. Either way the outbox never holds a usable secret.
      let token = options.only?.manageToken;
      if (!token) {
        token = newSecret('m_');
        await addManageLink(db, m.registrationId, await hashSecret(token), at);
      }
      text = text.replaceAll('{{manage_url}}', `${site}/manage/${token}`);
    }
    const event = catalogue.find(m.eventId);
    const attachments =
      m.attachCalendar && event
        ? [
            {
              filename: `${event.id}.ics`,
              contentType: 'text/calendar; charset=utf-8; method=PUBLISH',
              content: calendarAttachment(event, catalogue.catalogue.vtimezones),
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
      await recordAttempt(db, {
        messageId: m.id,
        at,
        sender: sender.name,
        ok: false,
        error: String((error as Error).message ?? error).slice(0, 500),
        retryAt,
      });
      if (retryAt) report.retried++;
      else report.failed++;
      console.error(
        `outbox: message ${m.id} (${m.kind}) attempt ${attempt} failed${retryAt ? `; retrying at ${retryAt}` : '; giving up, kept as failed'}`,
      );
    }
  }
  return report;
}

// The same .ics goes with every confirmation of an event: build it once per event revision.
const attachmentCache = new Map<string, string>();
function calendarAttachment(event: CatalogueEvent, vtimezones: Record<string, string>): string {
  const key = `${event.id}@${event.revision.hash}`;
  let ics = attachmentCache.get(key);
  if (!ics) {
    ics = eventCalendar(event, event.revision.modified, vtimezones);
    attachmentCache.set(key, ics);
  }
  return ics;
}

/** Fire-and-forget delivery after a write; errors are logged, the cron trigger catches up. */
export function scheduleDelivery(
  env: Bindings,
  catalogue: CatalogueIndex,
  only?: DeliveryOptions['only'],
  claimed?: OutboxMessage[],
): Promise<void> {
  return (claimed ? deliverMessages(env, catalogue, claimed, { only }) : deliverDue(env, catalogue, { only })).then(
    () => undefined,
    (error) => console.error('outbox: delivery run failed', (error as Error).message),
  );
}
