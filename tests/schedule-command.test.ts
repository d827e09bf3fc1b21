// `npm run schedule` runs the 1:1 scheduler outside the worker (where CPU is free) against the
// worker as it deploys: it fetches the plan, schedules, sends the meetings back, and leaves no
// token behind.
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { d1 } from '../scripts/d1.ts';
import { type DevServer, migratedState, startDevServer } from './support/dev-server.ts';

const EVENT = 'indiecon-toronto-2027';
const state = migratedState();
let server: DevServer;

const schedule = (event: string) =>
  spawnSync(process.execPath, ['scripts/schedule.ts', '--event', event, '--url', server.url, '--persist-to', state], {
    encoding: 'utf8',
    env: { ...process.env, GATHERING_TOKEN: '' },
  });
const activeTokens = () => d1('SELECT id FROM api_tokens WHERE revoked_at IS NULL', { persistTo: state });

beforeAll(async () => {
  server = await startDevServer({}, state);
  const skills = ['pricing', 'writing', 'product design'];
  for (let i = 0; i < 6; i++) {
    const res = await fetch(`${server.url}/api/events/${EVENT}/registrations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'cf-connecting-ip': `198.51.100.${60 + i}` },
      body: JSON.stringify({
        name: `Planner ${i}`,
        email: `planner-${i}@example.org`,
        consent: true,
        answers: { role: 'Writer' },
        profile: { offers: [skills[i % 3]], seeks: [skills[(i + 1) % 3]], available: true },
      }),
    });
    expect(res.status).toBe(201);
  }
});
afterAll(async () => server?.stop());

describe('npm run schedule', () => {
  it('schedules an event from its plan and stores what the worker accepted', () => {
    const run = schedule(EVENT);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^Scheduled [1-9]\d* meetings for 6 people in slots 0, 1 of indiecon-toronto-2027/);
    const stored = d1(`SELECT slot_index FROM meetings WHERE event_id = '${EVENT}'`, { persistTo: state });
    expect(stored.length).toBeGreaterThan(0);
    expect(activeTokens()).toEqual([]);
  });

  it('says what went wrong, and still revokes its token', () => {
    const run = schedule('no-such-event');
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('404: There is no event with id "no-such-event"');
    expect(activeTokens()).toEqual([]);
  });
});
