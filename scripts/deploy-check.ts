// Runs before `npm run deploy`: refuses to build a deployment that would send people wrong links or
// mail from nobody. SITE_URL must be the deployed https address (emails, feeds and pages use it),
// and MAIL_FROM in wrangler.toml must be a real sender.
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

if (import.meta.main) {
  const problems = deployProblems(process.env.SITE_URL, readFileSync('wrangler.toml', 'utf8'));
  if (problems.length) {
    console.error(`Not deploying:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    process.exit(1);
  }
}
