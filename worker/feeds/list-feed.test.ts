// A list feed's rolling window: an event that ages out is a change, so a client that sends only
// If-Modified-Since drops it (issue #14, defect 2).
import { describe, expect, it } from 'vitest';
import { RECENT_DAYS } from '../../model/catalogue.ts';
import { lastModified, listFeed } from './feeds.ts';

const site = { version: 'v', builtAt: '2027-01-01T00:00:00.000Z', siteUrl: 'https://example.org', vocabulary: [] };
const entry = (id: string, endUtc: string, modified: string) => ({
  id,
  endUtc,
  timeZone: 'UTC',
  lastModified: modified,
  text: `BEGIN:VEVENT\r\nUID:${id}\r\nEND:VEVENT\r\n`,
});
const list = {
  name: 'all',
  vtimezones: {},
  entries: [
    entry('old', '2027-01-01T12:00:00.000Z', '2026-12-01T00:00:00.000Z'),
    entry('next', '2027-03-01T12:00:00.000Z', '2026-12-02T00:00:00.000Z'),
  ],
};
const day = 86_400_000;

describe('listFeed', () => {
  it('keeps Last-Modified while every entry is in the window, and moves it when one leaves', () => {
    const inside = listFeed(site, list, { all: true }, new Date('2027-01-15T00:00:00.000Z'));
    expect(inside.entries.map((e) => e.id)).toEqual(['old', 'next']);
    expect(lastModified(inside)).toBe('2026-12-02T00:00:00.000Z');
    const after = new Date(Date.parse('2027-01-01T12:00:00.000Z') + RECENT_DAYS * day + day);
    const aged = listFeed(site, list, { all: true }, after);
    expect(aged.entries.map((e) => e.id)).toEqual(['next']);
    expect(lastModified(aged)).toBe(new Date(Date.parse('2027-01-01T12:00:00.000Z') + RECENT_DAYS * day).toISOString());
  });
});
