// `npm run deploy` refuses a deployment that would mail people localhost links or from nobody.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { deployProblems, secretProblems } from '../scripts/deploy-check.ts';

const toml = (from: string) => `name = "x"\n[vars]\nMAIL_FROM = "${from}"\n`;

describe('the deploy check', () => {
  it('refuses without SITE_URL, with a local one, and with a placeholder sender', () => {
    expect(deployProblems(undefined, toml('IndieCon <hello@indiecon.org>'))).toHaveLength(1);
    expect(deployProblems('http://localhost:8787', toml('IndieCon <hello@indiecon.org>'))[0]).toContain('https');
    expect(deployProblems('https://events.indiecon.org', toml(''))[0]).toContain('MAIL_FROM');
    expect(deployProblems('https://events.indiecon.org', toml('Gathering <events@example.org>'))[0]).toContain(
      'MAIL_FROM',
    );
  });

  it('refuses a worker without the calendar link key among its secrets', () => {
    expect(secretProblems(['MAIL_API_KEY'])[0]).toContain('npx wrangler secret put CALENDAR_LINK_KEY');
    expect(secretProblems(['MAIL_API_KEY', 'CALENDAR_LINK_KEY'])).toEqual([]);
  });

  it('lets a configured deployment through', () => {
    expect(deployProblems('https://events.indiecon.org', toml('IndieCon <hello@indiecon.org>'))).toEqual([]);
  });

  it('stops npm run deploy before anything is built, for this repository as it is', () => {
    const res = spawnSync(process.execPath, ['scripts/deploy-check.ts'], {
      encoding: 'utf8',
      env: { ...process.env, SITE_URL: '' },
    });
    expect(res.status).toBe(1);
    expect(res.stderr).toContain('Not deploying');
    expect(readFileSync('package.json', 'utf8')).toContain('"deploy": "node scripts/deploy-check.ts && ');
  });
});
