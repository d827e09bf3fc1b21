// The frab schedule as XML (schedule.xml), the form EventFahrplan, ConfClerk and Giggity read,
// written from the same value as the JSON (frab.ts), in the element order of the c3voc XSD.
import type { FrabSchedule, FrabTalk } from './frab.ts';

// XML 1.0 has no place for most control characters, nor for U+FFFE, U+FFFF or lone surrogates.
const NOT_XML =
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const escapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };
// Most text needs nothing: one test first spares the two replacements (thousands per schedule).
const NEEDS_WORK = /[&<>"'\u0000-\u001f\ud800-\udfff\ufffe\uffff]/;
const escapeXml = (text: string) =>
  NEEDS_WORK.test(text) ? text.replace(NOT_XML, '').replace(/[&<>"']/g, (c) => escapes[c]!) : text;

/** An element with text, or empty. */
const el = (name: string, text: string) => (text ? `<${name}>${escapeXml(text)}</${name}>` : `<${name}/>`);
const attrs = (values: Record<string, string | number>) =>
  Object.entries(values)
    .map(([k, v]) => ` ${k}="${escapeXml(String(v))}"`)
    .join('');

function talk(t: FrabTalk): string {
  const persons = t.persons.map((p) => `<person${attrs({ id: p.id })}>${escapeXml(p.name)}</person>`).join('');
  return [
    `      <event${attrs({ id: t.id, guid: t.guid })}>`,
    el('room', t.room),
    el('title', t.title),
    el('subtitle', t.subtitle),
    el('type', t.type),
    el('date', t.date),
    // HH:MM here: the XSD's `start`.
    el('start', t.start.slice(11, 16)),
    el('duration', t.duration),
    el('abstract', t.abstract),
    el('slug', t.slug),
    el('track', t.track ?? ''),
    el('language', t.language),
    el('url', t.url),
    persons ? `<persons>${persons}</persons>` : '<persons/>',
    '<links/>',
    '</event>\n',
  ].join('');
}

export function frabXml(s: FrabSchedule): string {
  const c = s.schedule.conference;
  const conference = [
    el('title', c.title),
    el('acronym', c.acronym),
    el('start', c.start),
    el('end', c.end),
    el('days', String(c.daysCount)),
    el('timeslot_duration', c.timeslot_duration),
    el('base_url', s.schedule.base_url),
    c.time_zone_name ? el('time_zone_name', c.time_zone_name) : '',
  ].join('');
  const days = c.days.map((d) => {
    const rooms = Object.entries(d.rooms).map(
      ([name, talks]) => `    <room${attrs({ name })}>\n${talks.map(talk).join('')}    </room>\n`,
    );
    const day = attrs({ index: d.index, date: d.date, start: d.day_start, end: d.day_end });
    return `  <day${day}>\n${rooms.join('')}  </day>\n`;
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>\n',
    '<schedule>\n',
    `  <generator${attrs({ name: s.generator.name })}/>\n`,
    `  ${el('version', s.schedule.version)}\n`,
    `  <conference>${conference}</conference>\n`,
    ...days,
    '</schedule>\n',
  ].join('');
}
