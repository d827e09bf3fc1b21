// Worker entry point: static site from Workers Static Assets, /api/* and /manage/* from the Hono
// app, and the cron trigger that delivers the outbox.
import { createApp } from './app.ts';
import { bundledCatalogue } from './catalogue.ts';
import type { Bindings } from './env.ts';
import { deliverDue } from './outbox/deliver.ts';

const app = createApp();

export default {
  fetch: app.fetch,
  async scheduled(_controller, env, ctx) {
    ctx.waitUntil(deliverDue(env, bundledCatalogue()).then((r) => console.log(`outbox: ${r.sent} sent, ${r.retried} to retry, ${r.failed} failed`)));
  },
} satisfies ExportedHandler<Bindings>;
