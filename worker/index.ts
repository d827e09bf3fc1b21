// Worker entry point: static site from Workers Static Assets, /api/* and /manage/* from the Hono
// app, and the cron trigger that announces deployed event changes, delivers the outbox and forgets
// what has expired.
import { idleSince } from './access/session.ts';
import { createApp } from './app.ts';
import { assetsSource } from './content/source.ts';
import { database } from './db/client.ts';
import { forgetIdempotencyKeys } from './db/idempotency.ts';
import { forgetExpired } from './db/sessions.ts';
import type { Bindings } from './env.ts';
import { announceChanges, deliveriesAfter } from './messages/announce.ts';
import { deliverDue } from './messages/delivery.ts';
import { MOST_REFUND_QUERIES, refundCancelledEvents } from './payments/cancellation-refunds.ts';
import { MOST_OWED_QUERIES, retryOwedRefunds } from './payments/owed-refunds.ts';
import { releaseExpired } from './payments/webhook.ts';

const app = createApp();

export default {
  fetch: app.fetch,
  async scheduled(controller, env, ctx) {
    const now = new Date(controller.scheduledTime);
    const db = database(env.DB);
    const report = (r: { sent: number; retried: number; failed: number }) =>
      r.sent + r.retried + r.failed > 0 &&
      console.log(`outbox: ${r.sent} sent, ${r.retried} to retry, ${r.failed} failed`);
    const content = assetsSource(env.ASSETS);
    // Places held for payments that never came go back (and to the waitlist) before anything else.
    await releaseExpired({ env, db, content, now, background: (w) => ctx.waitUntil(w) }).then(
      (n) => n > 0 && console.log(`payments: released ${n} expired holds`),
      (error) => console.error('payments: releasing holds failed', (error as Error).message),
    );
    // Announcing first: the messages it queues go out in this run or the next, and delivery takes
    // what is left of the run's D1 queries.
    const queries = await announceChanges({ db, content }, { now }).then(
      ({ announced, queries }) => {
        for (const a of announced) console.log(`announced ${a.kind} for ${a.eventId} (programme ${a.sequence})`);
        return queries;
      },
      (error) => {
        console.error('announcements: run failed', (error as Error).message);
        return Number.POSITIVE_INFINITY;
      },
    );
    // Then money back for cancelled events, a few orders a run; their messages go out with the rest.
    const refunds = await refundCancelledEvents({ env, db, content }, { now }).then(
      (r) => {
        for (const o of r.refunded) console.log(`refunded order ${o.orderId} (event cancelled)`);
        if (r.failed.length) console.error(`refunds: ${r.failed.length} failed, retried next run`);
        return r.queries;
      },
      (error) => {
        console.error('refunds: run failed', (error as Error).message);
        return MOST_REFUND_QUERIES;
      },
    );
    // Refunds owed to people who cancelled while Stripe could not be reached, tried again.
    const owed = await retryOwedRefunds({ env, db, content }, { now }).then(
      (r) => {
        for (const o of r.refunded) console.log(`refunded order ${o.orderId} (owed since a cancellation)`);
        if (r.failed.length) console.error(`owed refunds: ${r.failed.length} failed, retried next run`);
        return r.queries;
      },
      (error) => {
        console.error('owed refunds: run failed', (error as Error).message);
        return MOST_OWED_QUERIES;
      },
    );
    const spent = Math.min(refunds, MOST_REFUND_QUERIES) + Math.min(owed, MOST_OWED_QUERIES);
    const deliveries = Math.max(1, deliveriesAfter(queries) - Math.ceil(spent / 3));
    ctx.waitUntil(deliverDue({ env, content }, { now, limit: deliveries }).then(report));
    const dayAgo = new Date(now.getTime() - 86_400_000).toISOString();
    ctx.waitUntil(
      forgetIdempotencyKeys(db, dayAgo).then(
        (n) => n > 0 && console.log(`idempotency: forgot ${n} keys older than a day`),
      ),
    );
    ctx.waitUntil(forgetExpired(db, now.toISOString(), idleSince(now)));
  },
} satisfies ExportedHandler<Bindings>;
