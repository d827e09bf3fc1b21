// Applies migrations/ to the test D1 exactly as `wrangler d1 migrations apply` does in production.
import { applyD1Migrations, env } from 'cloudflare:test';

await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
