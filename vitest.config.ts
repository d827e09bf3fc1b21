// Two test projects: "worker" runs inside workerd with a real local D1 (migrations applied as in
// production); "node" runs schema, build and browser tests against the built site.
import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-plugin';
import { defineConfig } from 'vitest/config';
import { fakeStripeBindings } from './tests/support/fake-stripe-port.ts';

export default defineConfig(async () => {
  const migrations = await readD1Migrations('./migrations');
  const stripe = await fakeStripeBindings();
  return {
    // hono/jsx renders every page (ui/); the worker learns its migrations at build time.
    oxc: { jsx: { runtime: 'automatic' as const, importSource: 'hono/jsx' } },
    define: { __MIGRATIONS__: JSON.stringify(migrations.map((m) => m.name)) },
    test: {
      // Test output stays quiet; what a failing test logged is still shown.
      silent: 'passed-only' as const,
      projects: [
        {
          extends: true,
          plugins: [
            cloudflareTest({
              main: './worker/index.ts',
              wrangler: { configPath: './wrangler.toml' },
              miniflare: { bindings: { TEST_MIGRATIONS: migrations, DEV_MAILBOX: 'on', ...stripe } },
            }),
          ],
          test: {
            name: 'worker',
            include: ['worker/**/*.test.ts'],
            setupFiles: ['./worker/test-setup.ts'],
            globalSetup: ['./tests/support/fake-stripe-setup.ts'],
          },
        },
        {
          extends: true,
          test: {
            name: 'node',
            include: ['model/**/*.test.ts', 'ui/**/*.test.{ts,tsx}', 'tests/**/*.test.ts'],
            globalSetup: ['./tests/support/global-setup.ts', './tests/support/fake-stripe-setup.ts'],
            environment: 'node',
            testTimeout: 60_000,
            hookTimeout: 120_000,
          },
        },
      ],
    },
  };
});
