// The delivery step: sends due messages, records every attempt, retries with backoff and never
// drops a message. Runs after each write (waitUntil) and every minute from the cron trigger.
import type { CatalogueIndex } from '../catalogue.ts';
import { database } from '../db/client.ts';
import { claimDue, recordAttempt } from '../db/outbox.ts';
import { addManageLink } from '../db/registrations.ts';
import { hashSecret, newSecret } from '../domain/secrets.ts';
import type { Bindings } from '../env.ts';
import { eventCalendar } from '../feeds/calendar.ts';
import { senderFor, type Sender } from './senders.ts';

export const MAX_ATTEMPTS = 8;

/** Minutes to wait after the n-th failed attempt: 1, 2, 4 … capped at six hours. */
export const backoffMinutes = (attempt: number) => Math.min(2 ** (attempt - 1), 360);

export type DeliveryReport = { sent: number; retried: number; failed: number };

export async function deliverDue(env: Bindings, catalogue: CatalogueIndex, options: { sender?: Sender; now?: Date; limit?: number } = {}): Promise<DeliveryReport> {
  const db = database(env.DB);
  const sender = options.sender ?? senderFor(env);
  const now = options.now ?? new Date();
  const at = now.toISOString();
  const site = catalogue.catalogue.siteUrl;
  const report: DeliveryReport = { sent: 0, retried: 0, failed: 0 };
  const lease = new Date(now.getTime() + 5 * 60_000).toISOString();
  const claimed = await claimDue(db, at, lease, options.limit ?? 50);
  for (const m of claimed.sort((a, b) => a.id - b.id)) {
    let text = m.body.replaceAll('{{name}}', m.toName);
    if (text.includes('{{manage_url}}')) {
      // Each message gets its own link, minted now: the outbox never holds a usable secret.
      const token = newSecret('m_');
      await addManageLink(db, m.registrationId, await hashSecret(token), at);
      text = text.replaceAll('{{manage_url}}', `${site}/manage/${token}`);
    }
    const event = catalogue.find(m.eventId);
    const attachments = m.attachCalendar && event ? [{ filename: `${event.id}.ics`, contentType: 'text/calendar; charset=utf-8; method=PUBLISH', content: eventCalendar(event, at) }] : [];
    try {
      await sender.send({ id: m.id, kind: m.kind, to: { address: m.toAddress, name: m.toName }, subject: m.subject, text, attachments });
      await recordAttempt(db, { messageId: m.id, at, sender: sender.name, ok: true });
      report.sent++;
    } catch (error) {
      const attempt = m.attempts + 1;
      const retryAt = attempt >= MAX_ATTEMPTS ? null : new Date(now.getTime() + backoffMinutes(attempt) * 60_000).toISOString();
      await recordAttempt(db, { messageId: m.id, at, sender: sender.name, ok: false, error: String((error as Error).message ?? error).slice(0, 500), retryAt });
      if (retryAt) report.retried++;
      else report.failed++;
      console.error(`outbox: message ${m.id} (${m.kind}) attempt ${attempt} failed${retryAt ? `; retrying at ${retryAt}` : '; giving up, kept as failed'}`);
    }
  }
  return report;
}

/** Fire-and-forget delivery after a write; errors are logged, the cron trigger catches up. */
export function scheduleDelivery(env: Bindings, catalogue: CatalogueIndex): Promise<void> {
  return deliverDue(env, catalogue).then(
    () => undefined,
    (error) => console.error('outbox: delivery run failed', (error as Error).message),
  );
}
