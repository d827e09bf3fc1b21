// Runs the 1:1 meeting scheduler for an event outside the worker, where CPU is free:
//   npm run schedule -- --event copass-camp-lisbon-2027            (the local worker of `npm start`)
//   npm run schedule -- --event … --remote --url https://events.example.org
// It fetches the event's plan from the worker, schedules with the same pure module the worker would
// use (worker/matching/plan.ts), and sends the meetings back; the worker checks them before storing.
// It needs an organiser token: GATHERING_TOKEN if set, otherwise a temporary manager token for this
// event made in D1 (local, or Cloudflare's with --remote) and revoked when done.
import { createHash, randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { planMeetings, planSchema } from '../worker/matching/plan.ts';
import { d1, die, quote } from './d1.ts';

const { values: args } = parseArgs({
  options: {
    event: { type: 'string' },
    url: { type: 'string' },
    remote: { type: 'boolean', default: false },
    'persist-to': { type: 'string' },
  },
});

const event = args.event ?? '';
if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(event)) die('Name the event: --event copass-camp-lisbon-2027.');
const base = (args.url ?? (args.remote ? process.env.SITE_URL : 'http://localhost:8787'))?.replace(/\/$/, '');
if (!base) die('With --remote, give the deployed address: --url https://events.example.org (or set SITE_URL).');
const where = { remote: args.remote, persistTo: args['persist-to'] };

/** A manager token for this event only, stored hashed like any other, revoked when the run ends. */
function temporaryToken(): { token: string; revoke: () => void } {
  const token = `gat_${randomBytes(32).toString('base64url')}`;
  const hash = createHash('sha256').update(token).digest('hex');
  const now = new Date().toISOString();
  d1(
    `INSERT INTO api_tokens (name, token_hash, role, event_ids, created_at) VALUES ('npm run schedule (temporary)', ` +
      `${quote(hash)}, 'manager', ${quote(JSON.stringify([event]))}, ${quote(now)})`,
    where,
  );
  const revoke = () =>
    d1(
      `UPDATE api_tokens SET revoked_at = ${quote(new Date().toISOString())} WHERE token_hash = ${quote(hash)}`,
      where,
    );
  return { token, revoke };
}

/** Stops the run with a message; the temporary token is still revoked. */
class Stop extends Error {}

async function call(path: string, token: string, init: RequestInit = {}) {
  let res: Response;
  try {
    res = await fetch(`${base}${path}`, {
      ...init,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    });
  } catch {
    throw new Stop(`Could not reach ${base}. Is the worker running (npm start), or is --url right?`);
  }
  const body = (await res.json().catch(() => ({}))) as Record<string, unknown>;
  if (!res.ok) {
    const problems = Array.isArray(body.problems) ? body.problems.map((p) => `\n  ${p.message}`).join('') : '';
    throw new Stop(`${res.status}: ${body.detail ?? res.statusText}${problems}`);
  }
  return body;
}

const given = process.env.GATHERING_TOKEN || undefined;
const temporary = given ? undefined : temporaryToken();
const token = given ?? temporary!.token;
try {
  const plan = planSchema.parse(await call(`/api/admin/events/${event}/meetings/plan`, token));
  if (plan.slots.length === 0) throw new Stop(`${event} has no networking slot left to fill.`);
  const started = performance.now();
  const meetings = planMeetings(plan);
  const took = performance.now() - started;
  const stored = await call(`/api/admin/events/${event}/meetings`, token, {
    method: 'PUT',
    body: JSON.stringify({ fingerprint: plan.fingerprint, meetings }),
  });
  console.log(
    `Scheduled ${stored.meetings} meetings for ${stored.participants} people in slots ` +
      `${(stored.slotsScheduled as number[]).join(', ')} of ${event} (${(took / 1000).toFixed(2)} s of scheduling).`,
  );
} catch (error) {
  if (!(error instanceof Stop)) throw error;
  console.error(error.message);
  process.exitCode = 1;
} finally {
  temporary?.revoke();
}
