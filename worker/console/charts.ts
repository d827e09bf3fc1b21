// The event overview's charts as data: which days and hours to show (the registration window up
// to today, at most 30 days; the event's days, at most 14), counted in SQL by the event's local day
// and hour (db/charts.ts), then filled in with zeros so every day and hour has its bar.
import type { CatalogueEvent } from '../../model/catalogue.ts';
import { localToUtc, offsetMinutes, utcToLocal } from '../../model/time.ts';
import type { HourCount, OverviewCharts } from '../../ui/console/event-charts.tsx';
import { chartCounts, type LocalWindow } from '../db/charts.ts';
import type { Db } from '../db/client.ts';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const QUARTER_HOUR = 900_000;
/** Days of registrations shown. */
export const CHART_DAYS = 30;
/** Days of check-ins looked at, from the event's first. */
export const CHECK_IN_DAYS = 14;

/** The zone's offsets over [from, until): offsets change on quarter hours, found hour by hour. */
export function offsetSegments(from: number, until: number, zone: string): { from: number; offset: number }[] {
  const segments = [{ from, offset: offsetMinutes(from, zone) }];
  for (let t = from; t < until; t += HOUR) {
    const current = segments.at(-1)!.offset;
    if (offsetMinutes(Math.min(t + HOUR, until), zone) === current) continue;
    let change = t + QUARTER_HOUR;
    while (offsetMinutes(change, zone) === current) change += QUARTER_HOUR;
    segments.push({ from: change, offset: offsetMinutes(change, zone) });
  }
  return segments;
}

const addDays = (date: string, n: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);
const localDay = (ms: number, zone: string) => utcToLocal(ms, zone).slice(0, 10);
const midnight = (date: string, zone: string) => localToUtc(`${date}T00:00`, zone).getTime();

/** The instants of the local days first..last, with the zone's offsets in between. */
export function daysWindow(first: string, last: string, zone: string): LocalWindow {
  const from = midnight(first, zone);
  const until = midnight(addDays(last, 1), zone);
  return {
    from: new Date(from).toISOString(),
    until: new Date(until).toISOString(),
    segments: offsetSegments(from, until, zone).map((s) => ({
      from: new Date(s.from).toISOString(),
      offset: s.offset,
    })),
  };
}

function daysBetween(first: string, last: string): string[] {
  const days: string[] = [];
  for (let d = first; d <= last; d = addDays(d, 1)) days.push(d);
  return days;
}

/** The hours of a day's chart: the event's daily hours, widened to any hour with check-ins. */
function hoursOf(event: CatalogueEvent, counts: Map<number, number>): HourCount[] {
  const startHour = Number(event.start.slice(11, 13));
  const endLocal = event.end.slice(11, 16);
  const endHour = Number(endLocal.slice(0, 2)) - (endLocal.endsWith(':00') ? 1 : 0);
  const last = endHour > startHour ? endHour : 23;
  const seen = [...counts.keys()];
  const from = Math.min(startHour, ...seen);
  const to = Math.max(last, ...seen);
  return Array.from({ length: to - from + 1 }, (_, i) => ({ hour: from + i, count: counts.get(from + i) ?? 0 }));
}

export async function overviewCharts(db: Db, event: CatalogueEvent, now: Date): Promise<OverviewCharts> {
  const zone = event.timeZone;
  const opens = event.registration.opens ? localToUtc(event.registration.opens, zone).getTime() : undefined;
  const closes = event.registration.closes
    ? localToUtc(event.registration.closes, zone).getTime()
    : Date.parse(event.startUtc);
  const open = opens === undefined || now.getTime() >= opens;
  const lastDay = localDay(Math.min(now.getTime(), closes), zone);
  const earliest = addDays(lastDay, 1 - CHART_DAYS);
  const opensDay = opens === undefined ? undefined : localDay(opens, zone);
  const firstDay = opensDay && opensDay > earliest ? opensDay : earliest;

  const eventFirst = localDay(Date.parse(event.startUtc), zone);
  const eventEnd = localDay(Date.parse(event.endUtc) - 1, zone);
  const eventLast =
    eventEnd < addDays(eventFirst, CHECK_IN_DAYS - 1) ? eventEnd : addDays(eventFirst, CHECK_IN_DAYS - 1);

  const counts = await chartCounts(
    db,
    event.id,
    daysWindow(firstDay <= lastDay ? firstDay : lastDay, lastDay, zone),
    daysWindow(eventFirst, eventLast, zone),
  );

  const perDay = new Map(counts.days.map((d) => [d.day, d.n]));
  // Without an opening date the window starts at the first registration, showing a week at least.
  const withData = counts.days[0]?.day;
  const weekBefore = addDays(lastDay, -6);
  const start = withData && withData < weekBefore ? withData : weekBefore;
  const shownFrom = opensDay !== undefined || !withData || start < firstDay ? firstDay : start;
  const registrations = open
    ? daysBetween(shownFrom, lastDay).map((date) => ({ date, count: perDay.get(date) ?? 0 }))
    : null;

  const byDate = new Map<string, Map<number, number>>();
  for (const { hour, n } of counts.hours) {
    const date = hour.slice(0, 10);
    const hours = byDate.get(date) ?? byDate.set(date, new Map()).get(date)!;
    hours.set(Number(hour.slice(11, 13)), n);
  }
  const days = [...byDate.keys()].sort().map((date) => ({ date, hours: hoursOf(event, byDate.get(date)!) }));
  return {
    timeZone: zone,
    registrations,
    checkIns: { started: now.getTime() >= Date.parse(event.startUtc), days },
  };
}
