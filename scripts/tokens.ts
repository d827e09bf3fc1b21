// Organiser tokens from the command line, on local D1 (default) or Cloudflare's (--remote).
//   npm run token:create -- --name "Door team" --role check-in --events indiecon-toronto-2027
//   npm run token:list
//   npm run token:revoke -- --id 3
// The token is printed once; only its SHA-256 hash is stored.
import { createHash, randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { d1, die, quote } from './d1.ts';

const { values: args, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    name: { type: 'string' },
    role: { type: 'string', default: 'viewer' },
    events: { type: 'string' },
    id: { type: 'string' },
    remote: { type: 'boolean', default: false },
    'persist-to': { type: 'string' },
  },
});

const roles = ['viewer', 'manager', 'check-in'];
const where = { remote: args.remote, persistTo: args['persist-to'] };
const run = (sql: string) => d1(sql, where);

switch (positionals[0]) {
  case 'create': {
    const name = args.name?.trim();
    if (!name || name.length > 80 || /[\u0000-\u001f]/.test(name))
      die('Give the token a --name (up to 80 characters), such as --name "Door team".');
    if (!roles.includes(args.role!)) die(`--role must be one of: ${roles.join(', ')}.`);
    const events = args.events
      ? args.events
          .split(',')
          .map((e) => e.trim())
          .filter(Boolean)
      : null;
    if (events?.some((e) => !/^[a-z0-9-/]+$/.test(e))) die('--events takes event ids separated by commas.');
    const token = `gat_${randomBytes(32).toString('base64url')}`;
    const hash = createHash('sha256').update(token).digest('hex');
    const now = new Date().toISOString();
    run(
      `INSERT INTO api_tokens (name, token_hash, role, event_ids, created_at) VALUES (${quote(name)}, ` +
        `${quote(hash)}, ${quote(args.role!)}, ${events ? quote(JSON.stringify(events)) : 'NULL'}, ${quote(now)})`,
    );
    console.log(
      `Created a ${args.role} token "${name}" for ${events ? events.join(', ') : 'all events'} ` +
        `on ${args.remote ? 'remote' : 'local'} D1.`,
    );
    console.log('Copy it now; it is not shown again:\n');
    console.log(token);
    break;
  }
  case 'list': {
    const rows = run(
      'SELECT id, name, role, event_ids, created_at, revoked_at, last_used_at FROM api_tokens ORDER BY id',
    );
    console.table(rows);
    break;
  }
  case 'revoke': {
    const id = Number(args.id);
    if (!Number.isInteger(id) || id < 1) die('Give the --id of the token to revoke (see npm run token:list).');
    run(
      `UPDATE api_tokens SET revoked_at = ${quote(new Date().toISOString())} WHERE id = ${id} AND revoked_at IS NULL`,
    );
    console.log(`Token ${id} is revoked (if it was active).`);
    break;
  }
  default:
    die(
      'Usage: node scripts/tokens.ts create|list|revoke [--name N] [--role viewer|manager|check-in] ' +
        '[--events a,b] [--id N] [--remote]',
    );
}
