// Organisers from the command line, on local D1 (default) or Cloudflare's (--remote):
//   npm run organiser:add -- --email ada@example.org --role owner [--events a,b] [--remote]
// Creates (or changes) the organiser and prints a one-time sign-in link, since mail may not be
// configured yet (and mail fails closed). The link works once, for 15 minutes; run again for another.
import { createHash, randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { EMAIL, emailKey, mailboxKey } from '../model/email.ts';
import { SIGN_IN_MINUTES } from '../worker/access/links.ts';
import { organiserRoles } from '../worker/access/rules.ts';
import { d1, die, quote } from './d1.ts';

const { values: args } = parseArgs({
  options: {
    email: { type: 'string' },
    role: { type: 'string', default: 'owner' },
    events: { type: 'string' },
    remote: { type: 'boolean', default: false },
    'persist-to': { type: 'string' },
  },
});

const email = args.email?.trim() ?? '';
if (!EMAIL.test(email)) die('Give the organiser an --email, such as --email ada@example.org.');
if (!(organiserRoles as readonly string[]).includes(args.role!))
  die(`--role must be one of: ${organiserRoles.join(', ')}.`);
const events = args.events
  ? args.events
      .split(',')
      .map((e) => e.trim())
      .filter(Boolean)
  : null;
if (events?.some((e) => !/^[a-z0-9-/]+$/.test(e))) die('--events takes event ids separated by commas.');

const key = emailKey(email);
const now = new Date();
const token = `g_${randomBytes(32).toString('base64url')}`;
const hash = (text: string) => createHash('sha256').update(text).digest('hex');
const expires = new Date(now.getTime() + SIGN_IN_MINUTES * 60_000).toISOString();
const at = quote(now.toISOString());
d1(
  [
    `INSERT INTO people (email_key, email, created_at) VALUES (${quote(key)}, ${quote(email)}, ${at})
      ON CONFLICT (email_key) DO NOTHING`,
    `INSERT INTO organisers (person_id, role, event_ids, created_at, created_by)
      SELECT id, ${quote(args.role!)}, ${events ? quote(JSON.stringify(events)) : 'NULL'}, ${at}, 'npm run organiser:add'
      FROM people WHERE email_key = ${quote(key)}
      ON CONFLICT (person_id) DO UPDATE SET role = excluded.role, event_ids = excluded.event_ids`,
    // The code is never shown: this link is the way in.
    `INSERT INTO sign_in_requests (email_key, email, mailbox, created_at, token_hash, code_hash, expires_at)
      VALUES (${quote(key)}, ${quote(email)}, ${quote(mailboxKey(email))}, ${at}, ${quote(hash(token))},
        ${quote(hash(randomBytes(32).toString('hex')))}, ${quote(expires)})`,
  ].join(';\n'),
  { remote: args.remote, persistTo: args['persist-to'] },
);
const site = (process.env.SITE_URL ?? 'http://localhost:8787').replace(/\/$/, '');
console.log(`${email} is now ${args.role} for ${events ? events.join(', ') : 'all events'}.`);
console.log(`Sign in within ${SIGN_IN_MINUTES} minutes with this link (it works once):\n`);
console.log(`${site}/signin/${token}`);
