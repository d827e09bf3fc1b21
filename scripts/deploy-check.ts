// Runs before `npm run deploy`: refuses to build a deployment that would send people wrong links or
// mail from nobody. SITE_URL must be the deployed https address (emails, feeds and pages use it),
// and MAIL_FROM in wrangler.toml must be a real sender; then the worker's secrets must include
// those it cannot do without (asked of Cloudflare with `wrangler secret list`).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { parse } from 'smol-toml';

export function deployProblems(siteUrl: string | undefined, wranglerToml: string): string[] {
  const problems: string[] = [];
  let url: URL | undefined;
  try {
    url = siteUrl ? new URL(siteUrl) : undefined;
  } catch {
    url = undefined;
  }
  if (!url)
    problems.push('Set SITE_URL to the deployed address, such as SITE_URL=https://events.example.org npm run deploy.');
  else if (url.protocol !== 'https:' || ['localhost', '127.0.0.1'].includes(url.hostname))
    problems.push(`SITE_URL must be the public https address people open, not ${siteUrl}.`);
  const vars = ((parse(wranglerToml) as { vars?: Record<string, unknown> }).vars ?? {}) as Record<string, unknown>;
  const from = typeof vars.MAIL_FROM === 'string' ? vars.MAIL_FROM.trim() : '';
  if (!from || /example\.(org|com|net)|events@example/i.test(from) || !/@/.test(from))
    problems.push(
      'Set MAIL_FROM in wrangler.toml [vars] to the sender people will see, such as "IndieCon <hello@indiecon.org>".',
    );
  return problems;
}

/** Secrets a deployment needs: without CALENDAR_LINK_KEY people could see their calendar link only once. */
export const requiredSecrets = ['CALENDAR_LINK_KEY'] as const;

/** What is missing among the secrets set (names from `wrangler secret list`). */
export function secretProblems(set: readonly string[]): string[] {
  return requiredSecrets
    .filter((name) => !set.includes(name))
    .map(
      (name) =>
        `Set the ${name} secret: npx wrangler secret put ${name} (a long random value, such as the output of ` +
        'openssl rand -base64 32; keep it: changing it hides the calendar links people have until they reset them).',
    );
}

function secretsSet(): string[] | string {
  try {
    const out = execFileSync(process.execPath, ['node_modules/wrangler/bin/wrangler.js', 'secret', 'list'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, WRANGLER_SEND_METRICS: 'false' },
    });
    return (JSON.parse(out) as { name: string }[]).map((s) => s.name);
  } catch (error) {
    return `Could not list the worker's secrets (${String((error as Error).message).split('\n')[0]}). Sign in with npx wrangler login, then set them: ${requiredSecrets.join(', ')}.`;
  }
}

if (import.meta.main) {
  let problems = deployProblems(process.env.SITE_URL, readFileSync('wrangler.toml', 'utf8'));
  if (problems.length === 0) {
    const set = secretsSet();
    problems = typeof set === 'string' ? [set] : secretProblems(set);
  }
  if (problems.length) {
    console.error(`Not deploying:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    process.exit(1);
  }
}
