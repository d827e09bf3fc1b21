// The programme in the frab schedule format that conference apps (Giggity, ConfClerk,
// EventFahrplan) and the c3voc tools read: days, rooms and each session with ids that stay the
// same. Built from one event's catalogue file; the JSON is this value, and the XML (frab-xml.ts) is
// written from it, so both always say the same.
import { z } from 'zod';
import { type CatalogueEvent, type CatalogueSession, hashText, type SiteInfo } from '../../model/catalogue.ts';
import { roomName, roomsOf, sessionSlug, trackColour, tracksOf } from '../../model/session-groups.ts';
import { localToUtc, offsetMinutes } from '../../model/time.ts';
import { distinctIntegers, stableInteger, uuidV5 } from './stable-ids.ts';

const dateTime = z.string().describe('Local date-time with its UTC offset, e.g. 2027-05-13T09:00:00-04:00');
const hoursMinutes = z.string().regex(/^\d{2}:\d{2}$/);

const frabPersonSchema = z.object({ id: z.number().int().min(1), guid: z.uuid(), name: z.string() });

const frabTalkSchema = z.object({
  /** Derived from the session's id: the same in every build while the session exists. */
  id: z.number().int().min(1),
  /** UUIDv5 of the session's address on the site. */
  guid: z.uuid(),
  date: dateTime,
  /** A full date-time here, as the c3voc JSON schema asks; the XML has HH:MM. */
  start: dateTime,
  duration: hoursMinutes,
  room: z.string(),
  slug: z.string(),
  url: z.url(),
  title: z.string(),
  subtitle: z.string(),
  track: z.string().nullable(),
  /** The session's kind: talk, workshop, panel, social, meal, open-space or keynote. */
  type: z.string(),
  language: z.string(),
  abstract: z.string(),
  persons: z.array(frabPersonSchema),
  links: z.array(z.object({ title: z.string(), url: z.url() })),
});

const frabDaySchema = z.object({
  index: z.number().int().min(1),
  date: z.iso.date(),
  day_start: dateTime,
  day_end: dateTime,
  /** Each room's sessions that start on this day, by room name. */
  rooms: z.record(z.string(), z.array(frabTalkSchema)),
});

export const frabScheduleSchema = z.object({
  $schema: z.string(),
  generator: z.object({ name: z.string(), url: z.url() }),
  schedule: z.object({
    /** Changes whenever the programme does: the latest change and a hash of every revision. */
    version: z.string(),
    base_url: z.url(),
    conference: z.object({
      /** The event's id made to fit the c3voc acronym pattern: hyphens become underscores. */
      acronym: z.string(),
      title: z.string(),
      description: z.string(),
      start: z.iso.date(),
      end: z.iso.date(),
      daysCount: z.number().int(),
      timeslot_duration: hoursMinutes,
      /** The event's IANA zone, when the c3voc pattern accepts its name. */
      time_zone_name: z.string().optional(),
      logo: z.url().optional(),
      url: z.url(),
      tracks: z.array(z.object({ name: z.string(), color: z.string() })),
      rooms: z.array(z.object({ name: z.string(), guid: z.uuid() })),
      days: z.array(frabDaySchema),
    }),
  }),
});

export type FrabSchedule = z.infer<typeof frabScheduleSchema>;
export type FrabTalk = z.infer<typeof frabTalkSchema>;

/** The event's id as a c3voc acronym (`^[a-z0-9_-][a-z0-9_]{3,}…`): ids are lowercase slugs already. */
export const frabAcronym = (eventId: string) => eventId.replace(/\//g, '__').replace(/-/g, '_').padEnd(4, '_');

const pad = (n: number) => String(n).padStart(2, '0');
const offset = (minutes: number) =>
  `${minutes < 0 ? '-' : '+'}${pad(Math.floor(Math.abs(minutes) / 60))}:${pad(Math.abs(minutes) % 60)}`;
/** An instant as the event's local time with its offset: "2027-05-13T09:00:00-04:00". */
function zoned(utcMs: number, zone: string) {
  const minutes = offsetMinutes(utcMs, zone);
  return `${new Date(utcMs + minutes * 60_000).toISOString().slice(0, 19)}${offset(minutes)}`;
}
const hhmm = (minutes: number) => `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
const nextDate = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));

// The c3voc schema's own pattern for time_zone_name; zones it refuses (Etc/GMT+5) are left out.
const C3VOC_ZONE = /^([A-Z][a-z]+\/[A-Z][a-z]+)|UTC$/;

/** The sessions that go out: a cancelled one is left out (as frab and pretalx do), as are all of a cancelled event. */
const published = (e: CatalogueEvent) =>
  e.status === 'cancelled' ? [] : e.sessions.filter((s) => s.status !== 'cancelled');

/**
 * A string that changes whenever the programme does, and reads as when it last did: the latest
 * revision time and a hash of the event's and every published session's revision.
 */
export function scheduleVersion(e: CatalogueEvent): string {
  const sessions = published(e);
  const latest = sessions.reduce((l, s) => (s.revision.modified > l ? s.revision.modified : l), e.revision.modified);
  const hash = hashText([e.revision.hash, ...sessions.map((s) => `${s.id}:${s.revision.hash}`)].join(','));
  return `${latest.slice(0, 10)} ${latest.slice(11, 16)} UTC (${hash})`;
}

export function frabSchedule(site: SiteInfo, e: CatalogueEvent): FrabSchedule {
  const sessions = published(e);
  const acronym = frabAcronym(e.id);
  const ids = distinctIntegers(sessions.map((s) => s.id));
  const people = new Map<string, z.infer<typeof frabPersonSchema>>();
  const person = (p: { id: string; name: string }) => {
    let found = people.get(p.id);
    if (!found) {
      const guid = uuidV5(`${site.siteUrl}/people/${p.id}/`);
      found = { id: stableInteger(`person:${p.id}`), guid, name: p.name };
      people.set(p.id, found);
    }
    return found;
  };
  // Each session's instants, parsed once (Date.parse is not cheap at 500 sessions).
  const times = new Map(
    sessions.map((s) => {
      const [start, end] = [Date.parse(s.startUtc), Date.parse(s.endUtc)];
      return [s.id, { start, end, minutes: Math.round((end - start) / 60_000) }];
    }),
  );
  const talk = (s: CatalogueSession): FrabTalk => {
    const short = s.id.slice(e.id.length + 1).replace(/\//g, '-');
    const slug = sessionSlug(s.id);
    const url = `${e.url}sessions/${slug}/`;
    const at = times.get(s.id)!;
    const date = zoned(at.start, e.timeZone);
    return {
      id: ids.get(s.id)!,
      // From the address sessions had before they had pages, so apps keep their favourites.
      guid: uuidV5(`${e.url}#session-${slug}`),
      date,
      start: date,
      // Two digits of hours at most: the XSD's pattern.
      duration: hhmm(Math.min(at.minutes, 99 * 60 + 59)),
      room: roomName(e, s),
      slug: `${acronym}-${ids.get(s.id)}-${short}`,
      url,
      title: s.title,
      subtitle: '',
      track: s.track ?? null,
      type: s.kind,
      // Content has no language field; the site and its programmes are written in English.
      language: 'en',
      abstract: s.abstract,
      persons: s.speakers.map(person),
      links: [],
    };
  };

  // A day for each date the event spans (an end at midnight ends the day before), and for any
  // date a session starts on; each session goes on the day it starts, even past midnight.
  const [first, last] = [e.start.slice(0, 10), e.end.slice(0, 10)];
  const dates = new Set<string>();
  for (let d = first; d <= last; d = nextDate(d)) dates.add(d);
  if (e.end.endsWith('T00:00:00') && last > first) dates.delete(last);
  for (const s of sessions) dates.add(s.start.slice(0, 10));
  const sortedDates = [...dates].sort();
  const rooms = roomsOf({ ...e, sessions });
  // A day runs from its first session (or the event's start, if earlier that day) to its last
  // session's end (or the event's end, if later that day); a day without sessions, through the
  // part of the event that falls on it.
  const [eventStart, eventEnd] = [Date.parse(e.startUtc), Date.parse(e.endUtc)];
  const byDate = new Map<string, CatalogueSession[]>();
  for (const s of sessions) {
    const date = s.start.slice(0, 10);
    const list = byDate.get(date);
    if (list) list.push(s);
    else byDate.set(date, [s]);
  }
  const days = sortedDates.map((date, i) => {
    const onDay = byDate.get(date) ?? [];
    const starts = onDay.map((s) => times.get(s.id)!.start);
    const ends = onDay.map((s) => times.get(s.id)!.end);
    if (first === date) starts.push(eventStart);
    if (last === date) ends.push(eventEnd);
    const dayStart = starts.length
      ? Math.min(...starts)
      : Math.max(eventStart, localToUtc(`${date}T00:00:00`, e.timeZone).getTime());
    const dayEnd = ends.length
      ? Math.max(...ends)
      : Math.min(eventEnd, localToUtc(`${nextDate(date)}T00:00:00`, e.timeZone).getTime());
    const talks = new Map<string, FrabTalk[]>();
    for (const s of onDay) {
      const t = talk(s);
      const list = talks.get(t.room);
      if (list) list.push(t);
      else talks.set(t.room, [t]);
    }
    // Rooms in the conference's order, each with its sessions in time order.
    const byRoom: Record<string, FrabTalk[]> = {};
    for (const room of rooms) if (talks.has(room.name)) byRoom[room.name] = talks.get(room.name)!;
    return {
      index: i + 1,
      date,
      day_start: zoned(dayStart, e.timeZone),
      day_end: zoned(Math.max(dayStart, dayEnd), e.timeZone),
      rooms: byRoom,
    };
  });
  // The grid apps draw: the largest step every start and length fits, 5 minutes to an hour.
  const step = sessions.reduce(
    (g, s) => gcd(gcd(g, Number(s.start.slice(11, 13)) * 60 + Number(s.start.slice(14, 16))), times.get(s.id)!.minutes),
    0,
  );

  return {
    $schema: 'https://c3voc.de/schedule/schema.json',
    generator: { name: 'Gathering', url: `${site.siteUrl}/` },
    schedule: {
      version: scheduleVersion(e),
      base_url: `${site.siteUrl}/`,
      conference: {
        acronym,
        title:
          e.status === 'scheduled' ? e.title : `${e.status === 'cancelled' ? 'Cancelled' : 'Postponed'}: ${e.title}`,
        description: e.summary,
        start: sortedDates[0]!,
        end: sortedDates.at(-1)!,
        daysCount: days.length,
        timeslot_duration: hhmm(step === 0 ? 15 : Math.min(60, Math.max(5, step))),
        ...(C3VOC_ZONE.test(e.timeZone) ? { time_zone_name: e.timeZone } : {}),
        ...(e.image ? { logo: new URL(e.image.src, e.url).href } : {}),
        url: e.url,
        tracks: tracksOf({ ...e, sessions }).map((t) => ({ name: t.name, color: trackColour(t.name).hex })),
        rooms: rooms.map((r) => ({ name: r.name, guid: uuidV5(`${e.url}#room-${r.slug}`) })),
        days,
      },
    },
  };
}
