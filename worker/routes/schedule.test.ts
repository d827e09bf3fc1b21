// GET /api/events/{eventId}/schedule.json and .xml as a conference app polls them: the built sample
// programme, validators and 304s, the edge cache, HEAD, and problems for what does not exist. (The
// formats themselves are checked against the c3voc schema and XSD in tests/schedule-export.test.ts.)
import { SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import type { FrabSchedule } from '../feeds/frab.ts';

const get = (path: string, headers: Record<string, string> = {}, method = 'GET') =>
  SELF.fetch(`http://localhost:8787${path}`, { headers, method });
const JSON_PATH = '/api/events/indiecon-toronto-2027/schedule.json';
const XML_PATH = '/api/events/indiecon-toronto-2027/schedule.xml';

describe('GET /api/events/{eventId}/schedule.json', () => {
  it("answers the event's programme with every published session", async () => {
    const res = await get(JSON_PATH);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    const { schedule } = await res.json<FrabSchedule>();
    expect(schedule.conference.title).toBe('IndieCon Toronto 2027');
    const talks = schedule.conference.days.flatMap((d) => Object.values(d.rooms).flat());
    expect(talks.map((t) => t.title)).toContain('Run your own numbers');
    expect(talks.map((t) => t.title)).not.toContain('Contracts clinic');
    expect(new Set(talks.map((t) => t.id)).size).toBe(talks.length);
  });

  it('gives the same ids and version on every request', async () => {
    const ids = async () => {
      const { schedule } = await (await get(JSON_PATH)).json<FrabSchedule>();
      return [
        schedule.version,
        ...schedule.conference.days.flatMap((d) => Object.values(d.rooms).flat()).map((t) => `${t.id} ${t.guid}`),
      ];
    };
    expect(await ids()).toEqual(await ids());
  });

  it('answers 304 to If-None-Match and If-Modified-Since, with a public cache policy', async () => {
    const first = await get(JSON_PATH);
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^"[0-9a-f]{8}-[0-9a-f]{8}"$/);
    expect(first.headers.get('cache-control')).toContain('s-maxage=');
    const byTag = await get(JSON_PATH, { 'if-none-match': etag });
    expect(byTag.status).toBe(304);
    expect(await byTag.text()).toBe('');
    expect((await get(JSON_PATH, { 'if-none-match': '"stale"' })).status).toBe(200);
    expect((await get(JSON_PATH, { 'if-modified-since': first.headers.get('last-modified')! })).status).toBe(304);
    expect((await get(JSON_PATH, { 'if-modified-since': 'Mon, 01 Jan 2001 00:00:00 GMT' })).status).toBe(200);
  });

  it('answers the second time from the edge cache, with the same bytes', async () => {
    const path = '/api/events/copass-camp-lisbon-2027/schedule.json';
    const first = await get(path);
    const second = await get(path);
    expect(second.headers.get('x-gathering-cache')).toBe('hit');
    expect(await second.text()).toBe(await first.text());
  });

  it.each([
    '/api/events/no-such-event/schedule.json',
    '/api/events/no-such-event/schedule.xml',
    `/api/events/${'x'.repeat(200)}/schedule.json`,
  ])('answers %s with problem details', async (path) => {
    const res = await get(path);
    expect([400, 404]).toContain(res.status);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
  });
});

describe('GET /api/events/{eventId}/schedule.xml', () => {
  it('answers the same programme as XML, with its own validator', async () => {
    const res = await get(XML_PATH);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/xml; charset=utf-8');
    const xml = await res.text();
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<schedule>')).toBe(true);
    expect(xml).toContain('<title>Run your own numbers</title>');
    const json = await get(JSON_PATH);
    expect(res.headers.get('etag')).not.toBe(json.headers.get('etag'));
    const { schedule } = await json.json<FrabSchedule>();
    expect(xml).toContain(`<version>${schedule.version}</version>`);
    expect((await get(XML_PATH, { 'if-none-match': res.headers.get('etag')! })).status).toBe(304);
  });

  it('answers HEAD like GET without a body', async () => {
    const res = await get(XML_PATH, {}, 'HEAD');
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).toBeTruthy();
    expect(await res.text()).toBe('');
  });
});
