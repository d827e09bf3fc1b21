// Worker entry point: static site from Workers Static Assets, /api/* and /manage/* from the Hono
// app, and the cron trigger that delivers the outbox.
import { createApp } from './app.ts';
import { bundledCatalogue } from './catalogue.ts';
import { database } from './db/client.ts';
import { forgetIdempotencyKeys } from './db/registrations.ts';
import type { Bindings } from './env.ts';
import { deliverDue } from './outbox/deliver.ts';

const app = createApp();

export default {
  fetch: app.fetch,
  async scheduled(controller, env, ctx) {
    ctx.waitUntil(
      deliverDue(env, bundledCatalogue()).then((r) =>
        console.log(`outbox: ${r.sent} sent, ${r.retried} to retry, ${r.failed} failed`),
      ),
    );
    const dayAgo = new Date(controller.scheduledTime - 86_400_000).toISOString();
    ctx.waitUntil(
      forgetIdempotencyKeys(database(env.DB), dayAgo).then(
        (n) => n && console.log(`idempotency: forgot ${n} keys older than a day`),
      ),
    );
  },
} satisfies ExportedHandler<Bindings>;
