// Applies migrations/ to the test D1 exactly as `wrangler d1 migrations apply` does in production.
import { applyD1Migrations, type D1Migration, env } from 'cloudflare:test';

// TEST_MIGRATIONS exists only in tests (vitest.config.ts), so wrangler.toml's types do not have it.
await applyD1Migrations(env.DB, (env as unknown as { TEST_MIGRATIONS: D1Migration[] }).TEST_MIGRATIONS);
