// Two test projects: "worker" runs inside workerd with a real local D1 (migrations applied as in
// production); "node" runs schema, build and browser tests against the built site.
import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-plugin';
import { defineConfig } from 'vitest/config';

export default defineConfig(async () => {
  const migrations = await readD1Migrations('./migrations');
  return {
    test: {
      projects: [
        {
          plugins: [
            cloudflareTest({
              main: './worker/index.ts',
              wrangler: { configPath: './wrangler.toml' },
              miniflare: { bindings: { TEST_MIGRATIONS: migrations } },
            }),
          ],
          test: { name: 'worker', include: ['worker/**/*.test.ts'], setupFiles: ['./worker/test-setup.ts'] },
        },
        {
          test: {
            name: 'node',
            include: ['model/**/*.test.ts', 'tests/**/*.test.ts'],
            environment: 'node',
            testTimeout: 60_000,
            hookTimeout: 120_000,
          },
        },
      ],
    },
  };
});
