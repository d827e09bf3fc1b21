// How times read for people (pages, messages, the manage page): wall-clock times come straight from
// the content, already in the event's zone; the zone's name and offset are looked up at that
// instant, so they follow daylight-saving changes. No ISO timestamps where a person reads.
import { localToUtc, offsetMinutes, parseLocal, utcToLocal } from './time.ts';

function wallDate(local: string): Date {
  const p = parseLocal(local)!;
  return new Date(Date.UTC(p.year, p.month - 1, p.day));
}

/**
 * A day in words, assembled from its parts: ICU versions disagree about a comma after the weekday
 * (current ones write "Thursday, 13 May 2027, 09:00"), and every page, ticket and email should read
 * the same, with one comma before the time.
 */
function dayFormatter(style: 'long' | 'short') {
  const format = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'UTC',
    weekday: style,
    day: 'numeric',
    month: style,
    year: 'numeric',
  });
  return (local: string) => {
    const part = Object.fromEntries(format.formatToParts(wallDate(local)).map((p) => [p.type, p.value]));
    return `${part.weekday} ${part.day} ${part.month} ${part.year}`;
  };
}

/** "Thursday 13 May 2027" */
export const formatDay = dayFormatter('long');
/** "Thu 13 May 2027" */
export const formatShortDay = dayFormatter('short');
/** "09:00" */
export const formatTime = (local: string) => local.slice(11, 16);

// Formatters are slow to make and labels are few: one per zone and offset.
const zoneLabels = new Map<string, string>();

/** "Western European Summer Time (UTC+1)" at that moment in that zone. */
export function zoneLabel(local: string, zone: string): string {
  const at = localToUtc(local, zone);
  const key = `${zone}|${offsetMinutes(at.getTime(), zone)}`;
  let label = zoneLabels.get(key);
  if (label === undefined) {
    const part = (style: 'long' | 'shortOffset') =>
      new Intl.DateTimeFormat('en-GB', { timeZone: zone, timeZoneName: style })
        .formatToParts(at)
        .find((p) => p.type === 'timeZoneName')!.value;
    const offset = part('shortOffset').replace('GMT', 'UTC').replace(/^UTC$/, 'UTC+0').replace('-', '−');
    label = `${part('long')} (${offset})`;
    if (zoneLabels.size < 10_000) zoneLabels.set(key, label);
  }
  return label;
}

/** "Thursday 13 May 2027, 09:00 – Friday 14 May 2027, 18:00", or one day with two times. */
export function formatRange(start: string, end: string): string {
  if (start.slice(0, 10) === end.slice(0, 10)) return `${formatDay(start)}, ${formatTime(start)}–${formatTime(end)}`;
  return `${formatDay(start)}, ${formatTime(start)} – ${formatDay(end)}, ${formatTime(end)}`;
}

/** "Toronto time": how a zone reads in a sentence, from the city the event is in. */
export const cityTime = (city: string) => `${city} time`;

/** "Thursday 13 May 2027, 09:00–18:00 (Toronto time)": when an event happens, for messages and tickets. */
export const formatWhen = (e: { start: string; end: string; city: string }) =>
  `${formatRange(e.start, e.end)} (${cityTime(e.city)})`;

/** An instant as a person in the event's zone reads it: "Thu 13 May 2027, 09:05 (Toronto time)". */
export function formatInstant(iso: string, zone: string, city: string): string {
  const local = utcToLocal(Date.parse(iso), zone);
  return `${formatShortDay(local)}, ${formatTime(local)} (${cityTime(city)})`;
}

export const utcIso = (local: string, zone: string) => localToUtc(local, zone).toISOString();

/** An instant where no event zone applies (sign-ins, messages): "Thu 26 Nov 2026, 09:05 UTC". */
export function formatUtc(iso: string): string {
  const local = utcToLocal(Date.parse(iso), 'UTC');
  return `${formatShortDay(local)}, ${formatTime(local)} UTC`;
}
