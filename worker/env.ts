import type { CatalogueIndex } from './catalogue.ts';

// The worker's bindings, declared once; wrangler.toml and `wrangler secret` provide them.
export type Bindings = {
  DB: D1Database;
  ASSETS: Fetcher;
  /** Limits public writes per client address. */
  REGISTRATION_LIMITER?: RateLimit;
  /** Turnstile secret; when set, registrations must pass the human check. */
  TURNSTILE_SECRET_KEY?: string;
  /** An HTTP mail API (Resend-compatible) for outgoing messages; without it messages stay in the local outbox. */
  MAIL_API_URL?: string;
  MAIL_API_KEY?: string;
  MAIL_FROM?: string;
  /** "on" in local development: shows locally delivered messages at /api/dev/mailbox. */
  DEV_MAILBOX?: string;
};
export type AppEnv = { Bindings: Bindings; Variables: { catalogue: CatalogueIndex } };
