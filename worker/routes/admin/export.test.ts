// Exports as a spreadsheet reads them: the CSV parsed with a real CSV parser (csv-parse), dates in
// the event's zone, yes/no, the formula guard, the semicolon variant, JSON with the same fields,
// the console's filter, paging through a large event, and who may export.
import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  app,
  appAt,
  asOrganiser,
  type Caller,
  organiserBrowser,
  organiserToken,
  person,
  rows,
} from '../../testing/fixtures.ts';

let manager: string;
let viewer: string;
let door: string;
let elsewhere: string;
const ids: Record<string, number> = {};
const tickets: Record<string, string> = {};

/** Berlin in summer (UTC+2) and a winter night that is already the next day in Berlin (UTC+1). */
const SUMMER = new Date('2026-07-01T10:30:00Z');
const WINTER = new Date('2026-01-15T23:30:00Z');

async function register(via: Caller, eventId: string, key: string, body: Record<string, unknown>) {
  const res = await via(`/api/events/${eventId}/registrations`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'cf-connecting-ip': `203.0.113.${Object.keys(ids).length + 1}` },
    body: JSON.stringify(body),
  });
  expect(res.status, await res.clone().text()).toBe(201);
  const { registration } = await res.json<{ registration: { id: number; ticketCode: string } }>();
  ids[key] = registration.id;
  tickets[key] = registration.ticketCode;
}

const asManagerAt = (moment: Date, path: string, body: unknown) =>
  appAt(moment)(path, {
    method: 'POST',
    headers: { authorization: `Bearer ${manager}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

beforeAll(async () => {
  manager = await organiserToken('Export manager', 'manager');
  viewer = await organiserToken('Export viewer', 'viewer');
  door = await organiserToken('Export door', 'check-in');
  elsewhere = await organiserToken('Export elsewhere', 'owner', ['crowded']);
  await register(
    appAt(SUMMER),
    'open-event',
    'ada',
    person('export-ada', {
      name: 'Ada Ångström',
      answers: { role: 'Designer', topics: ['Craft', 'Business'], photo: true, notes: 'Line one\nline two' },
      profile: {
        displayName: 'Ada Å',
        city: 'Berlin',
        offers: ['UX'],
        seeks: ['rates', 'knitting'],
        interests: ['remote work'],
        languages: ['English'],
        visibility: 'network',
        available: true,
      },
    }),
  );
  await register(
    appAt(WINTER),
    'open-event',
    'formula',
    person('export-formula', {
      name: '=HYPERLINK("http://evil.example","x")',
      answers: { role: 'Writer', notes: '@SUM(A1)' },
    }),
  );
  await register(
    appAt(SUMMER),
    'open-event',
    'quote',
    person('export-quote', { name: 'Dora "Dee"; Quote', answers: { role: 'Developer' } }),
  );
  const checkIn = await asManagerAt(new Date('2026-07-02T07:05:00Z'), '/api/admin/events/open-event/check-in', {
    ticketCode: tickets.ada,
  });
  expect(checkIn.status).toBe(200);
  // Who checked someone in is written by the door's check-in; stated here so this test stands alone.
  await rows("UPDATE registrations SET checked_in_by = 'Export manager' WHERE id = ?", ids.ada);
  // A decision with a message, on an event that takes applications.
  await register(appAt(SUMMER), 'camp', 'applicant', person('export-applicant', { answers: { why: 'To learn.' } }));
  const declined = await asManagerAt(
    new Date('2026-07-03T16:45:00Z'),
    `/api/admin/events/camp/registrations/${ids.applicant}/decline`,
    { message: 'We are full, sorry.' },
  );
  expect(declined.status).toBe(200);
});

async function csv(path: string, token = viewer) {
  const res = await asOrganiser(token, path);
  expect(res.status, await res.clone().text()).toBe(200);
  const bytes = new Uint8Array(await res.clone().arrayBuffer());
  return { res, bytes, text: new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes) };
}

const records = (text: string, delimiter = ',') =>
  parse(text, { bom: true, columns: true, delimiter, record_delimiter: '\r\n' }) as Record<string, string>[];

describe('GET /api/admin/events/{eventId}/registrations.csv', () => {
  it('is UTF-8 with a byte order mark and CRLF line ends, named for download', async () => {
    const { res, bytes, text } = await csv('/api/admin/events/open-event/registrations.csv');
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="open-event-registrations.csv"');
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    // Every line ends in CRLF; a line break inside an answer stays inside its quoted cell.
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '').includes('\r')).toBe(false);
    expect(text).toContain('"Line one\nline two"');
  });

  it('has a column per question, then the profile, with yes/no and multiselects joined', async () => {
    const parsed = records((await csv('/api/admin/events/open-event/registrations.csv')).text);
    expect(Object.keys(parsed[0]!)).toEqual([
      'Registration',
      'Status',
      'Name',
      'Email',
      'Email proven',
      'Ticket code',
      'Registered',
      'Updated',
      'Waitlisted since',
      'Decided',
      'Decision message',
      'Checked in',
      'Checked in by',
      'Role',
      'Topics',
      'Website',
      'Other email',
      'Notes',
      'Photos are fine',
      'Matching profile',
      'Profile name',
      'Profile bio',
      'Profile city',
      'Offers',
      'Seeks',
      'Interests',
      'Languages',
      'Profile visible to',
      '1:1 meetings',
    ]);
    expect(parsed).toHaveLength(3);
    const ada = parsed.find((r) => r.Registration === String(ids.ada))!;
    expect(ada).toMatchObject({
      Name: 'Ada Ångström',
      Status: 'confirmed',
      'Email proven': 'no',
      Role: 'Designer',
      Topics: 'Craft; Business',
      'Photos are fine': 'yes',
      Notes: 'Line one\nline two',
      'Matching profile': 'yes',
      'Profile name': 'Ada Å',
      'Profile city': 'Berlin',
      Offers: 'product design',
      Seeks: 'pricing; knitting',
      Interests: 'remote teams',
      Languages: 'english',
      'Profile visible to': 'the whole network',
      '1:1 meetings': 'yes',
      'Checked in by': 'Export manager',
    });
    const formula = parsed.find((r) => r.Registration === String(ids.formula))!;
    expect(formula).toMatchObject({ 'Photos are fine': 'no', Topics: '', 'Matching profile': 'no', Offers: '' });
  });

  it("gives times in the event's zone, as spreadsheets read dates", async () => {
    const parsed = records((await csv('/api/admin/events/open-event/registrations.csv')).text);
    const ada = parsed.find((r) => r.Registration === String(ids.ada))!;
    // Europe/Berlin: UTC+2 in July.
    expect(ada.Registered).toBe('2026-07-01 12:30');
    expect(ada['Checked in']).toBe('2026-07-02 09:05');
    // 23:30 UTC on 15 January is already 00:30 on the 16th in Berlin (UTC+1).
    expect(parsed.find((r) => r.Registration === String(ids.formula))!.Registered).toBe('2026-01-16 00:30');
    for (const r of parsed) expect(r.Registered).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
  });

  it('keeps cells a spreadsheet would run as formulas from running', async () => {
    const parsed = records((await csv('/api/admin/events/open-event/registrations.csv')).text);
    const formula = parsed.find((r) => r.Registration === String(ids.formula))!;
    expect(formula.Name).toBe(`'=HYPERLINK("http://evil.example","x")`);
    expect(formula.Notes).toBe(`'@SUM(A1)`);
    expect(parsed.find((r) => r.Registration === String(ids.quote))!.Name).toBe('Dora "Dee"; Quote');
  });

  it('shows the decision: when, and the message sent', async () => {
    const parsed = records((await csv('/api/admin/events/camp/registrations.csv')).text);
    expect(parsed).toHaveLength(1);
    expect(parsed[0]).toMatchObject({
      Status: 'declined',
      Decided: '2026-07-03 18:45',
      'Decision message': 'We are full, sorry.',
      Why: 'To learn.',
    });
  });

  it('splits on semicolons for Excel in European locales, with the same cells', async () => {
    const { res, text } = await csv('/api/admin/events/open-event/registrations.csv?delimiter=semicolon');
    expect(res.headers.get('content-disposition')).toBe(
      'attachment; filename="open-event-registrations-semicolons.csv"',
    );
    // No "sep=;" line: other programs would read it as a row.
    expect(text.startsWith('\uFEFF"Registration";"Status";')).toBe(true);
    const comma = records((await csv('/api/admin/events/open-event/registrations.csv')).text);
    expect(records(text, ';')).toEqual(comma);
  });

  it("takes the console's filter", async () => {
    const checked = records((await csv('/api/admin/events/open-event/registrations.csv?checkedIn=yes')).text);
    expect(checked.map((r) => r.Registration)).toEqual([String(ids.ada)]);
    const writers = records((await csv('/api/admin/events/open-event/registrations.csv?a.role=Writer')).text);
    expect(writers.map((r) => r.Registration)).toEqual([String(ids.formula)]);
    const none = await csv('/api/admin/events/open-event/registrations.csv?status=declined');
    expect(records(none.text)).toEqual([]);
    expect(none.text.split('\r\n')[0]).toContain('"Registration"');
  });

  it('refuses a filter the event does not have, or a delimiter it does not know', async () => {
    const bad = await asOrganiser(viewer, '/api/admin/events/open-event/registrations.csv?status=lost&a.shoe=42');
    expect(bad.status).toBe(400);
    const problem = await bad.json<{ code: string; errors: { field: string }[] }>();
    expect(problem.code).toBe('validation_failed');
    expect(problem.errors.map((e) => e.field).sort()).toEqual(['a.shoe', 'status']);
    const tab = await asOrganiser(viewer, '/api/admin/events/open-event/registrations.csv?delimiter=tab');
    expect(tab.status).toBe(400);
  });

  it('records who exported what in the audit log', async () => {
    await csv('/api/admin/events/open-event/registrations.csv?delimiter=semicolon&checkedIn=yes');
    const [entry] = await rows<{ actor: string; detail: string }>(
      "SELECT actor, detail FROM audit_log WHERE action = 'registrations.export' ORDER BY id DESC LIMIT 1",
    );
    expect(entry!.actor).toMatch(/^token #\d+ \(Export viewer\)$/);
    expect(JSON.parse(entry!.detail)).toEqual({ format: 'csv (semicolon)', rows: 1, filtered: true });
  });
});

describe('GET /api/admin/events/{eventId}/registrations.json', () => {
  it('has the same fields, with times as ISO 8601 in the event’s zone', async () => {
    const res = await asOrganiser(viewer, '/api/admin/events/open-event/registrations.json');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="open-event-registrations.json"');
    const body = await res.json<{
      event: { timeZone: string };
      questions: { id: string }[];
      registrations: Record<string, unknown>[];
    }>();
    expect(body.event.timeZone).toBe('Europe/Berlin');
    expect(body.questions.map((q) => q.id)).toEqual(['role', 'topics', 'website', 'contact', 'notes', 'photo']);
    expect(body.registrations).toHaveLength(3);
    const ada = body.registrations.find((r) => r.id === ids.ada)!;
    expect(ada).toMatchObject({
      name: 'Ada Ångström',
      emailProven: false,
      registeredAt: '2026-07-01T12:30:00+02:00',
      checkedInAt: '2026-07-02T09:05:00+02:00',
      checkedInBy: 'Export manager',
      decidedAt: null,
      answers: { role: 'Designer', topics: ['Craft', 'Business'], photo: true, website: null },
      profile: { offers: ['product design'], seeks: ['pricing', 'knitting'], available: true, visibility: 'network' },
    });
    const formula = body.registrations.find((r) => r.id === ids.formula)!;
    // JSON is not a spreadsheet: the name stays as typed.
    expect(formula).toMatchObject({
      name: '=HYPERLINK("http://evil.example","x")',
      registeredAt: '2026-01-16T00:30:00+01:00',
      profile: null,
      answers: { photo: false, topics: [] },
    });
  });
});

/**
 * The app on a D1 that counts the queries it runs (each statement of a batch counts), as the free
 * plan counts them: at most 50 per request.
 */
function countingApp() {
  const counted = { queries: 0 };
  const real = new WeakMap<object, D1PreparedStatement>();
  const wrap = (statement: D1PreparedStatement): D1PreparedStatement => {
    const proxy = new Proxy(statement, {
      get(target, name) {
        if (name === 'bind') return (...values: unknown[]) => wrap(target.bind(...values));
        const value = Reflect.get(target, name);
        if (typeof value !== 'function') return value;
        if (['first', 'all', 'run', 'raw'].includes(String(name))) counted.queries++;
        return value.bind(target);
      },
    });
    real.set(proxy, statement);
    return proxy;
  };
  const db = {
    prepare: (query: string) => wrap(env.DB.prepare(query)),
    batch: (statements: D1PreparedStatement[]) => {
      counted.queries += statements.length;
      return env.DB.batch(statements.map((s) => real.get(s) ?? s));
    },
  };
  const request = async (path: string, token: string) => {
    const ctx = createExecutionContext();
    const res = await app.request(
      `http://localhost:8787${path}`,
      { headers: { authorization: `Bearer ${token}` } },
      { ...env, DB: db },
      ctx,
    );
    const text = await res.text();
    await waitOnExecutionContext(ctx);
    return { res, text };
  };
  return { counted, request };
}

describe('a large export', () => {
  it('pages through 5,000 registrations, each once, in order, within 50 D1 queries', async () => {
    // 5,000 registrations straight into D1: five pages of the export.
    await rows(
      `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5000)
       INSERT INTO registrations (event_id, name, email, email_key, status, answers, ticket_code, manage_token_hash,
         consent_at, created_at, updated_at)
       SELECT 'unlimited', 'Bulk ' || i, 'bulk' || i || '@example.org', 'bulk' || i || '@example.org', 'confirmed',
         '{}', 'BULK-' || i, 'bulk-hash-' || i, '2026-03-01T12:00:00.000Z', '2026-03-01T12:00:00.000Z',
         '2026-03-01T12:00:00.000Z'
       FROM n`,
    );
    const { counted, request } = countingApp();
    const { res, text } = await request('/api/admin/events/unlimited/registrations.csv', viewer);
    expect(res.status).toBe(200);
    const parsed = records(text);
    expect(parsed).toHaveLength(5000);
    const numbers = parsed.map((r) => Number(r.Registration));
    expect(new Set(numbers).size).toBe(5000);
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
    // The token, the count, the audit entry, and six pages (the last one empty).
    expect(counted.queries).toBeGreaterThanOrEqual(9);
    expect(counted.queries).toBeLessThanOrEqual(12);
    counted.queries = 0;
    const json = JSON.parse((await request('/api/admin/events/unlimited/registrations.json', viewer)).text);
    expect(json.registrations).toHaveLength(5000);
    expect(counted.queries).toBeLessThanOrEqual(12);
  });
});

describe('who may export', () => {
  it.each([
    ['manager', 200, () => manager],
    ['viewer', 200, () => viewer],
    ['check-in', 403, () => door],
    ['owner of another event', 403, () => elsewhere],
  ] as const)('%s gets %i', async (_, status, token) => {
    for (const format of ['csv', 'json'])
      expect((await asOrganiser(token(), `/api/admin/events/open-event/registrations.${format}`)).status).toBe(status);
  });

  it("accepts the console's session: the export page's links work in the organiser's browser", async () => {
    const browser = await organiserBrowser('export-console@example.org', 'viewer', ['open-event']);
    const res = await browser.fetch('/api/admin/events/open-event/registrations.csv?delimiter=semicolon');
    expect(res.status).toBe(200);
    expect(records(await res.text(), ';')).toHaveLength(3);
    expect((await browser.fetch('/api/admin/events/crowded/registrations.csv')).status).toBe(403);
  });
});
