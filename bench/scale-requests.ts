// What requests cost at 5,000 events (the site the scale build benchmark built), with the worker as
// it deploys running in this process (scale/harness.ts):
// 1. CPU per public route, p50 and p99 over many requests to many events, and the first request of
//    a fresh isolate;
// 2. an event day replayed: 1,000 registrations over a week, 1,000 calendars polling hourly for a
//    day, 300 manage-page visits, 900 people checked in at the door, one 1:1 schedule. Printed: the
//    requests, CPU per route (p50/p99), D1 rows read and written, and each one's share of the free
//    plan's daily quotas (100,000 requests, 10 ms of CPU a request, 5 million rows read and 100,000
//    rows written a day).
// CPU comes from a run against SQLite in this process (no proxy work counted); rows from a second
// run against the real local D1.
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { planMeetings, type SchedulePlan } from '../worker/matching/plan.ts';
import { EVENT_DAY, SCALE_NOW } from './scale/content.ts';
import { type Measured, startWorker } from './scale/harness.ts';

const site = join(tmpdir(), 'gathering-scale/build/site');
const vars = { DEV_MAILBOX: 'on', DEV_NOW: SCALE_NOW };
const ORIGIN = 'https://gathering.example';
type Worker = Awaited<ReturnType<typeof startWorker>>;

const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0;
};
const ms = (x: number) => `${x.toFixed(2)} ms`;

type Kept = Pick<Measured, 'status' | 'cpuMs' | 'rowsRead' | 'rowsWritten'> & { problem?: string };

/** Figures per route; bodies are not kept (a day of polls would not fit in memory). */
class Tally {
  readonly routes = new Map<string, Kept[]>();
  add(route: string, m: Measured) {
    const list = this.routes.get(route) ?? [];
    const { status, cpuMs, rowsRead, rowsWritten } = m;
    list.push({ status, cpuMs, rowsRead, rowsWritten, problem: status >= 500 ? m.text.slice(0, 200) : undefined });
    this.routes.set(route, list);
    return m;
  }
  get all() {
    return [...this.routes.values()].flat();
  }
}

const json = (body: unknown, ip: string, extra: Record<string, string> = {}) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', 'cf-connecting-ip': ip, ...extra },
  body: JSON.stringify(body),
});
const ipOf = (n: number) => `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
const cookieOf = (m: Measured) =>
  m.headers
    .getSetCookie()
    .map((c) => c.split(';')[0]!)
    .join('; ');

async function organiserToken(w: Worker, role: string): Promise<string> {
  const token = `gat_${randomBytes(32).toString('base64url')}`;
  const hash = createHash('sha256').update(token).digest('hex');
  await w.sql(
    'INSERT INTO api_tokens (name, token_hash, role, event_ids, created_at) VALUES (?, ?, ?, NULL, ?)',
    `bench ${role}`,
    hash,
    role,
    new Date().toISOString(),
  );
  return token;
}

/** Part 1: each public route over many events, in one warm isolate (the first request apart). */
async function perRoute(): Promise<string[]> {
  const w = await startWorker(site, vars, 'sqlite');
  const t = new Tally();
  try {
    const first = await w.request('/api/events/event-2600');
    const events = Array.from({ length: 200 }, (_, i) => `event-${2500 + i * 7}`);
    for (const [i, id] of events.entries()) {
      t.add('GET /api/events/{id}', await w.request(`/api/events/${id}`));
      t.add('GET …/availability (built)', await w.request(`/api/events/${id}/availability`));
      t.add('GET …/availability (cached)', await w.request(`/api/events/${id}/availability`));
      t.add('GET event feed (built)', await w.request(`/api/calendars/events/${id}.ics`));
      t.add('GET session feed', await w.request(`/api/calendars/events/${id}/sessions/session-${i % 10}.ics`));
      const form = new URLSearchParams({
        name: `Form ${i}`,
        email: `form-${i}@example.org`,
        consent: 'on',
        'answers.role': 'Code',
      });
      const posted = t.add(
        'POST registration (form)',
        await w.request(`/api/events/${id}/registrations`, {
          method: 'POST',
          headers: {
            'content-type': 'application/x-www-form-urlencoded',
            origin: ORIGIN,
            'cf-connecting-ip': ipOf(i),
          },
          body: form.toString(),
        }),
      );
      const manage = posted.headers.get('location');
      if (manage) t.add('GET /manage/{id}', await w.request(manage, { headers: { cookie: cookieOf(posted) } }));
      t.add(
        'POST registration (JSON)',
        await w.request(
          `/api/events/${id}/registrations`,
          json(
            { name: `Json ${i}`, email: `json-${i}@example.org`, consent: true, answers: { role: 'Code' } },
            ipOf(1000 + i),
          ),
        ),
      );
      t.add('GET /api/events?page', await w.request(`/api/events?page=${1 + (i % 20)}`));
      t.add('GET city feed', await w.request(`/api/calendars/cities/city-${i % 50}.ics`));
      t.add('GET /signin', await w.request('/signin'));
    }
    for (let i = 0; i < 50; i++) t.add('GET all-events feed', await w.request('/api/calendars/events.ics'));
    const failed = t.all.filter((m) => m.status >= 500);
    if (failed.length) return [`${failed.length} requests failed: ${failed[0]!.problem}`];
    const rows = [...t.routes].map(
      ([route, list]) =>
        `${route.padEnd(30)} p50 ${ms(
          percentile(
            list.map((m) => m.cpuMs),
            50,
          ),
        ).padStart(9)}   ` +
        `p99 ${ms(
          percentile(
            list.map((m) => m.cpuMs),
            99,
          ),
        ).padStart(9)}   (${list.length})`,
    );
    const worst = Math.max(
      ...[...t.routes.values()].map((l) =>
        percentile(
          l.map((m) => m.cpuMs),
          99,
        ),
      ),
    );
    return [
      `CPU per public route, over ${t.all.length} requests to 200 events (target ≤ 10 ms: ` +
        `${worst <= 10 ? 'met' : 'MISSED'} at p99)`,
      ...rows,
      `first request of a fresh isolate (module start, nothing cached): ${ms(first.cpuMs)}`,
    ];
  } finally {
    await w.dispose();
  }
}

/** Part 2: the event day, against the given database. */
async function eventDay(backend: 'sqlite' | 'd1') {
  const w = await startWorker(site, vars, backend);
  const t = new Tally();
  try {
    // 1,000 registrations over a week: 800 by script, 200 by the form (those browsers keep a session);
    // 300 people opt in to 1:1 meetings.
    const browsers: { cookie: string; manage: string }[] = [];
    const skills = ['pricing', 'product design', 'writing', 'bookkeeping', 'community building'];
    for (let i = 0; i < 1000; i++) {
      const offer = { offers: [skills[i % 5]!], seeks: [skills[(i + 1 + (i % 3)) % 5]!], available: true };
      const profile = i % 10 < 3 ? offer : undefined;
      if (i % 5 === 4) {
        const form = new URLSearchParams({ name: `Guest ${i}`, email: `guest-${i}@example.org`, consent: 'on' });
        form.set('answers.role', 'Words');
        const m = t.add(
          'register (form)',
          await w.request(`/api/events/${EVENT_DAY}/registrations`, {
            method: 'POST',
            headers: {
              'content-type': 'application/x-www-form-urlencoded',
              origin: ORIGIN,
              'cf-connecting-ip': ipOf(i),
            },
            body: form.toString(),
          }),
        );
        browsers.push({ cookie: cookieOf(m), manage: m.headers.get('location') ?? '' });
      } else {
        const body = {
          name: `Guest ${i}`,
          email: `guest-${i}@example.org`,
          consent: true,
          answers: { role: 'Code' },
          profile,
        };
        t.add('register (JSON)', await w.request(`/api/events/${EVENT_DAY}/registrations`, json(body, ipOf(i))));
      }
    }
    const confirmed = await w.sql(
      "SELECT ticket_code AS code FROM registrations WHERE event_id = ? AND status = 'confirmed'",
      EVENT_DAY,
    );
    const tickets = (confirmed.results as { code: string }[]).map((r) => r.code);
    // 300 manage-page visits.
    for (let i = 0; i < 300; i++) {
      const b = browsers[i % browsers.length]!;
      t.add('manage page', await w.request(b.manage.replace(/\?.*$/, ''), { headers: { cookie: b.cookie } }));
    }
    // The door: 900 check-ins.
    const door = await organiserToken(w, 'check-in');
    for (const code of tickets.slice(0, 900))
      t.add(
        'check-in',
        await w.request(`/api/admin/events/${EVENT_DAY}/check-in`, {
          method: 'POST',
          headers: { authorization: `Bearer ${door}`, 'content-type': 'application/json' },
          body: JSON.stringify({ ticketCode: code }),
        }),
      );
    // One 1:1 schedule, run outside the worker as npm run schedule does.
    const manager = await organiserToken(w, 'manager');
    const auth = { authorization: `Bearer ${manager}`, 'content-type': 'application/json' };
    const planned = t.add(
      'schedule: plan',
      await w.request(`/api/admin/events/${EVENT_DAY}/meetings/plan`, { headers: auth }),
    );
    const plan = JSON.parse(planned.text) as SchedulePlan;
    const stored = t.add(
      'schedule: store',
      await w.request(`/api/admin/events/${EVENT_DAY}/meetings`, {
        method: 'PUT',
        headers: auth,
        body: JSON.stringify({ fingerprint: plan.fingerprint, meetings: planMeetings(plan) }),
      }),
    );
    // Last, because the platform proxy drops its connection to D1 when it sits idle for long.
    // 1,000 calendars polling hourly for a day; half of them send back the ETag they last saw.
    const feeds = [
      ...Array<string>(500).fill(`/api/calendars/events/${EVENT_DAY}.ics`),
      ...Array<string>(300).fill('/api/calendars/events.ics'),
      ...Array<string>(100).fill('/api/calendars/cities/city-1.ics'),
      ...Array<string>(100).fill('/api/calendars/kinds/conference.ics'),
    ];
    const seen = new Map<number, string>();
    for (let hour = 0; hour < 24; hour++) {
      for (const [n, path] of feeds.entries()) {
        const etag = n % 2 ? seen.get(n) : undefined;
        const m = t.add('calendar poll', await w.request(path, etag ? { headers: { 'if-none-match': etag } } : {}));
        if (m.headers.get('etag')) seen.set(n, m.headers.get('etag')!);
      }
    }
    const failed = t.all.filter((m) => m.status >= 500 || m.status === 429);
    return { t, failed, checkedIn: tickets.length, people: plan.participants?.length ?? 0, stored, totals: w.totals };
  } finally {
    await w.dispose();
  }
}

const pct = (part: number, whole: number) => `${((100 * part) / whole).toFixed(1)} %`;

export async function scaleRequests(): Promise<string[]> {
  if (!existsSync(site)) return ['Run the scale build benchmark first (npm run bench -- scale): it builds the site.'];
  const lines = await perRoute();
  const cpu = await eventDay('sqlite');
  const rows = await eventDay('d1');
  if (cpu.failed.length || rows.failed.length) {
    const f = cpu.failed[0] ?? rows.failed[0]!;
    lines.push(`event day: ${cpu.failed.length + rows.failed.length} requests failed: ${f.status} ${f.problem}`);
    return lines;
  }
  const requests = cpu.t.all.length;
  const over = cpu.t.all.filter((m) => m.cpuMs > 10).length;
  lines.push(
    `event day: ${requests} requests (${pct(requests, 100_000)} of the free plan's 100,000 a day); ` +
      `${over} over 10 ms of CPU`,
  );
  for (const [route, list] of cpu.t.routes) {
    const inD1 = rows.t.routes.get(route) ?? [];
    const read = inD1.reduce((n, m) => n + m.rowsRead, 0);
    const written = inD1.reduce((n, m) => n + m.rowsWritten, 0);
    lines.push(
      `  ${route.padEnd(18)} ${String(list.length).padStart(6)} requests   CPU p50 ${ms(
        percentile(
          list.map((m) => m.cpuMs),
          50,
        ),
      )}` +
        `, p99 ${ms(
          percentile(
            list.map((m) => m.cpuMs),
            99,
          ),
        )}   rows read ${read}, written ${written}`,
    );
  }
  const read = rows.t.all.reduce((n, m) => n + m.rowsRead, 0);
  const written = rows.t.all.reduce((n, m) => n + m.rowsWritten, 0);
  lines.push(
    `  D1: ${read} rows read (${pct(read, 5_000_000)} of 5 million a day), ${written} rows written ` +
      `(${pct(written, 100_000)} of 100,000 a day); schedule stored: ${rows.stored.text.slice(0, 80)}`,
  );
  return lines;
}
