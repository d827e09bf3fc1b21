// A network's worth of content in the project's own format, for the scale benchmark: by default
// 5,000 events of 10 sessions each, 100 people and 50 spaces in 50 cities, spread over five years
// (2024 to 2028) around the build's clock, SCALE_NOW, so lists hold past, recent and upcoming events.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export type ScaleShape = { events: number; sessionsPerEvent: number; people: number; spaces: number };
/** The build clock the benchmark uses: two years of events behind it, three ahead. */
export const SCALE_NOW = '2026-01-01T12:00:00Z';
export const NETWORK: ScaleShape = { events: 5000, sessionsPerEvent: 10, people: 100, spaces: 50 };

const zones = ['America/Toronto', 'Europe/Lisbon', 'Europe/Berlin', 'America/Mexico_City', 'Asia/Tokyo'];
const kinds = ['conference', 'camp', 'meetup', 'unconference', 'workshop'];
const pad = (n: number) => String(n).padStart(2, '0');
/** A local date-time string for day `day` after 2024-01-01 at `hour`:00. */
function local(day: number, hour: number) {
  const d = new Date(Date.UTC(2024, 0, 1) + day * 86_400_000);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(hour)}:00`;
}

function file(path: string, frontmatter: string, body: string) {
  writeFileSync(path, `---\n${frontmatter.trim()}\n---\n${body}\n`);
}

/** Writes the content folder (replacing what was there) and returns its shape. */
export function writeScaleContent(dir: string, shape: ScaleShape = NETWORK): ScaleShape {
  rmSync(dir, { recursive: true, force: true });
  for (const c of ['events', 'sessions', 'people', 'spaces']) mkdirSync(join(dir, c), { recursive: true });
  writeFileSync(
    join(dir, 'vocabulary.yaml'),
    '- { id: product-design, label: product design, synonyms: [ux] }\n- { id: pricing, label: pricing }\n',
  );

  for (let s = 0; s < shape.spaces; s++) {
    file(
      join(dir, 'spaces', `space-${s}.md`),
      `name: Space ${s}
city: City ${s}
country: Country ${s % 7}
address: ${s} Long Street, City ${s}
coordinates: { lat: ${(s % 80) - 40}.5, lng: ${(s % 300) - 150}.25 }
website: https://example.org/space-${s}`,
      `A coworking space with a *long table*, number ${s}.`,
    );
  }
  for (let p = 0; p < shape.people; p++) {
    file(
      join(dir, 'people', `person-${p}.md`),
      `name: Person ${p}
city: City ${p % shape.spaces}
spaces: [space-${p % shape.spaces}]`,
      `Freelancer number ${p}, who **speaks** at many events.`,
    );
  }
  // Events from two years before the clock to three years after it: one every ~9 hours.
  const days = 5 * 365;
  for (let e = 0; e < shape.events; e++) {
    const space = e % shape.spaces;
    const day = Math.floor((e * days) / shape.events);
    const zone = zones[space % zones.length]!;
    const id = `event-${e}`;
    const slots =
      e % 10 === 0
        ? `networking:\n  slots:\n    - { start: "${local(day, 15)}", end: "${local(day, 16)}", tables: 20 }`
        : '';
    file(
      join(dir, 'events', `${id}.md`),
      `title: "Event ${e}: pricing, scoping and more"
summary: A day of talks and long conversations for independents, number ${e}.
kind: ${kinds[e % kinds.length]}
start: "${local(day, 9)}"
end: "${local(day, 19)}"
timeZone: ${zone}
city: City ${space}
country: Country ${space % 7}
venue: { space: space-${space}, room: Main hall }
hosts: [person-${e % shape.people}]
tags: [freelancing, pricing]
capacity: ${50 + (e % 200)}
registration:
  mode: ${e % 4 === 0 ? 'application' : 'open'}
  waitlist: true
  questions:
    - { id: role, label: What do you do?, type: select, options: [Design, Code, Words], required: true }
${slots}`,
      `Event ${e} is **for independents**.\n\n- Lunch included\n- Step-free access\n\nRead the [code](https://example.org/conduct).`,
    );
    mkdirSync(join(dir, 'sessions', id));
    for (let s = 0; s < shape.sessionsPerEvent; s++) {
      const hour = 9 + s;
      file(
        join(dir, 'sessions', id, `session-${s}.md`),
        `event: ${id}
title: Session ${s} of event ${e}
start: "${local(day, hour)}"
end: "${local(day, hour).replace(/00$/, '45')}"
kind: talk
speakers: [person-${(e + s) % shape.people}]`,
        `What session ${s} is about, in a *short* paragraph.`,
      );
    }
  }
  writeEventDay(dir, shape);
  return shape;
}

/** The event the event-day benchmark replays: 900 places, a programme of 20 sessions, 1:1 slots. */
export const EVENT_DAY = 'gathering-day';

function writeEventDay(dir: string, shape: ScaleShape) {
  // Eleven days after SCALE_NOW, in Lisbon.
  const day = 2 * 365 + 11;
  file(
    join(dir, 'events', `${EVENT_DAY}.md`),
    `title: Gathering Day
summary: The network's big day, with a thousand people from many cities.
kind: conference
start: "${local(day, 9)}"
end: "${local(day, 20)}"
timeZone: Europe/Lisbon
city: City 1
country: Country 1
venue: { space: space-${1 % shape.spaces}, room: Main hall }
hosts: [person-${1 % shape.people}]
capacity: 900
registration:
  mode: open
  waitlist: true
  questions:
    - { id: role, label: What do you do?, type: select, options: [Design, Code, Words], required: true }
networking:
  slots:
    - { start: "${local(day, 12)}", end: "${local(day, 13)}", tables: 150 }
    - { start: "${local(day, 15)}", end: "${local(day, 16)}", tables: 150 }
    - { start: "${local(day, 18)}", end: "${local(day, 19)}", tables: 150 }`,
    'The whole network in one place.',
  );
  mkdirSync(join(dir, 'sessions', EVENT_DAY));
  for (let s = 0; s < 20; s++) {
    const hour = 9 + Math.floor(s / 2);
    file(
      join(dir, 'sessions', EVENT_DAY, `talk-${s}.md`),
      `event: ${EVENT_DAY}
title: Talk ${s}
start: "${local(day, hour)}"
end: "${local(day, hour).replace(/00$/, '45')}"
room: Room ${s % 2}
kind: talk
speakers: [person-${s % Math.min(10, shape.people)}]`,
      `Talk ${s} of the day.`,
    );
  }
}
