// Local wall-clock date-times in an IANA zone, converted without a date library:
// Intl carries the full tz database in both Node and workerd.

export type LocalParts = { year: number; month: number; day: number; hour: number; minute: number; second: number };

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

/**
 * "2026-12-10T18:30" or "2026-12-10T18:30:00" as its parts; undefined for anything else, including
 * 2026-02-30 and 25:00. Hand-written: the build parses one for every session start and end.
 */
export function parseLocal(local: string): LocalParts | undefined {
  if (local.length !== 16 && local.length !== 19) return undefined;
  const digits = (from: number, count: number) => {
    let n = 0;
    for (let i = from; i < from + count; i++) {
      const d = local.charCodeAt(i) - 48;
      if (d < 0 || d > 9) return -1;
      n = n * 10 + d;
    }
    return n;
  };
  if (local[4] !== '-' || local[7] !== '-' || local[10] !== 'T' || local[13] !== ':') return undefined;
  if (local.length === 19 && local[16] !== ':') return undefined;
  const year = digits(0, 4);
  const month = digits(5, 2);
  const day = digits(8, 2);
  const hour = digits(11, 2);
  const minute = digits(14, 2);
  const second = local.length === 19 ? digits(17, 2) : 0;
  if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23) return undefined;
  if (minute < 0 || minute > 59 || second < 0 || second > 59) return undefined;
  const days = month === 2 && isLeap(year) ? 29 : DAYS_IN_MONTH[month - 1]!;
  return day > days ? undefined : { year, month, day, hour, minute, second };
}

const knownZones = new Map<string, boolean>();

export function isTimeZone(zone: string): boolean {
  if (!zone.includes('/') && zone !== 'UTC') return false;
  let known = knownZones.get(zone);
  if (known === undefined) {
    try {
      new Intl.DateTimeFormat('en', { timeZone: zone });
      known = true;
    } catch {
      known = false;
    }
    if (knownZones.size < 1000) knownZones.set(zone, known);
  }
  return known;
}

const offsetFormatters = new Map<string, Intl.DateTimeFormat>();
// Per zone: offsets at the start of UTC weeks and days, and at quarter hours (by their number).
const weekOffsets = new Map<string, Map<number, number>>();
const dayOffsets = new Map<string, Map<number, number>>();
const quarterOffsets = new Map<string, Map<number, number>>();
const DAY = 86_400_000;
const WEEK = 7 * DAY;
const QUARTER_HOUR = 900_000;

function cached(cache: Map<string, Map<number, number>>, zone: string, key: number, at: number): number {
  let byKey = cache.get(zone);
  if (!byKey) {
    byKey = new Map();
    cache.set(zone, byKey);
  }
  let offset = byKey.get(key);
  if (offset === undefined) {
    offset = computeOffset(at, zone);
    if (byKey.size > 100_000) byKey.clear();
    byKey.set(key, offset);
  }
  return offset;
}

/** Minutes the zone is ahead of UTC at the given instant. */
export function offsetMinutes(utcMs: number, zone: string): number {
  // Asking Intl is slow, and zones change offset a few times a year at most: when a UTC week (then
  // a day) starts and ends with the same offset, all of it has that offset. Otherwise transitions
  // fall on quarter hours.
  const week = Math.floor(utcMs / WEEK);
  const weekStart = cached(weekOffsets, zone, week, week * WEEK);
  if (weekStart === cached(weekOffsets, zone, week + 1, (week + 1) * WEEK)) return weekStart;
  const day = Math.floor(utcMs / DAY);
  const start = cached(dayOffsets, zone, day, day * DAY);
  if (start === cached(dayOffsets, zone, day + 1, (day + 1) * DAY)) return start;
  const quarter = Math.floor(utcMs / QUARTER_HOUR);
  return cached(quarterOffsets, zone, quarter, quarter * QUARTER_HOUR);
}

function computeOffset(utcMs: number, zone: string): number {
  let f = offsetFormatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    offsetFormatters.set(zone, f);
  }
  const p = Object.fromEntries(f.formatToParts(new Date(utcMs)).map((x) => [x.type, x.value]));
  const wall = Date.UTC(+p.year!, +p.month! - 1, +p.day!, +p.hour!, +p.minute!, +p.second!);
  return Math.round((wall - Math.floor(utcMs / 1000) * 1000) / 60000);
}

/**
 * The UTC instant of a wall-clock time in a zone. In a spring-forward gap the time is moved
 * forward by the gap; in a fall-back overlap the earlier instant wins (as Temporal's "compatible").
 */
export function localToUtc(local: string, zone: string): Date {
  const p = parseLocal(local);
  if (!p) throw new RangeError(`not a local date-time: ${local}`);
  const wall = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  const before = offsetMinutes(wall - 86400000, zone);
  const after = offsetMinutes(wall + 86400000, zone);
  const withBefore = wall - before * 60000;
  if (offsetMinutes(withBefore, zone) === before) return new Date(withBefore);
  const withAfter = wall - after * 60000;
  if (offsetMinutes(withAfter, zone) === after) return new Date(withAfter);
  return new Date(withBefore);
}

/** The wall-clock time "2026-12-10T18:30:00" in a zone at an instant: the inverse of localToUtc. */
export function utcToLocal(utcMs: number, zone: string): string {
  return new Date(utcMs + offsetMinutes(utcMs, zone) * 60000).toISOString().slice(0, 19);
}

/** "2026-12-10" of a local date-time. */
export function localDate(local: string): string {
  return local.slice(0, 10);
}

/** Normalises "2026-12-10T18:30" to "2026-12-10T18:30:00" so strings compare in time order. */
export function normaliseLocal(local: string): string {
  return local.length === 16 ? `${local}:00` : local;
}
