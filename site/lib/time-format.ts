// How times read on the site: wall-clock times come straight from content (already in the
// event's zone); the zone's name and offset are looked up at that instant, so they follow DST.
import { localToUtc, parseLocal } from '../../model/time.ts';

const dayFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'UTC',
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});
const shortDayFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'UTC',
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
});

function wallDate(local: string): Date {
  const p = parseLocal(local)!;
  return new Date(Date.UTC(p.year, p.month - 1, p.day));
}

/** "Thursday 13 May 2027" */
export const formatDay = (local: string) => dayFormat.format(wallDate(local));
/** "Thu 13 May 2027" */
export const formatShortDay = (local: string) => shortDayFormat.format(wallDate(local));
/** "09:00" */
export const formatTime = (local: string) => local.slice(11, 16);

/** "Western European Summer Time (UTC+1)" at that moment in that zone. */
export function zoneLabel(local: string, zone: string): string {
  const at = localToUtc(local, zone);
  const part = (style: 'long' | 'shortOffset') =>
    new Intl.DateTimeFormat('en-GB', { timeZone: zone, timeZoneName: style })
      .formatToParts(at)
      .find((p) => p.type === 'timeZoneName')!.value;
  return `${part('long')} (${part('shortOffset').replace('GMT', 'UTC').replace(/^UTC$/, 'UTC+0').replace('-', '−')})`;
}

/** "Thursday 13 May 2027, 09:00 – Friday 14 May 2027, 18:00", or one day with two times. */
export function formatRange(start: string, end: string): string {
  if (start.slice(0, 10) === end.slice(0, 10)) return `${formatDay(start)}, ${formatTime(start)}–${formatTime(end)}`;
  return `${formatDay(start)}, ${formatTime(start)} – ${formatDay(end)}, ${formatTime(end)}`;
}

export const utcIso = (local: string, zone: string) => localToUtc(local, zone).toISOString();
