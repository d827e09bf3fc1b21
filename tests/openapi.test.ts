// The OpenAPI document as client generators and linters read it: Redocly's recommended rules
// (operation ids, explicit security, examples that match, a 4xx answer everywhere, a licence).
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createApp } from '../worker/app.ts';
import { testBuild } from './support/test-build.ts';

describe('GET /api/openapi.json', () => {
  it("passes Redocly's recommended rules without an error or a warning", async () => {
    const res = await createApp().request('https://events.gathering.test/api/openapi.json', {}, {} as Env);
    expect(res.status).toBe(200);
    // The path .redocly.lint-ignore.yaml names.
    const file = join(testBuild.dir, 'openapi.json');
    writeFileSync(file, await res.text());
    const lint = spawnSync(
      process.execPath,
      ['node_modules/@redocly/cli/bin/cli.js', 'lint', file, '--extends', 'recommended', '--format', 'stylish'],
      { encoding: 'utf8', env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' } },
    );
    const output = `${lint.stdout}\n${lint.stderr}`;
    expect(lint.status, output).toBe(0);
    expect(output, output).not.toMatch(/warning/i);
  });
});
