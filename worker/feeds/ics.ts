// iCalendar (RFC 5545) text, written directly: escaping, UTC and zoned times, and folding at 75
// octets without splitting a UTF-8 character. Entries render on their own, so lists of events can
// carry their entries rendered at build time and a request only joins them (no per-entry work).

/** TEXT values: backslash, semicolon, comma and newline escaped (RFC 5545 3.3.11). */
export function escapeText(text: string): string {
  return text.replace(/[\\;,]/g, (c) => `\\${c}`).replace(/\r?\n/g, '\\n');
}

/** The UTF-8 length of one code point. */
const octets = (cp: number) => (cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4);

/** Folds a content line into lines of at most 75 octets; continuation lines start with a space. */
export function foldLine(line: string): string {
  // Most lines are short ASCII: no octet counting needed.
  if (line.length <= 75 && !/[^\x00-\x7f]/.test(line)) return `${line}\r\n`;
  let out = '';
  let start = 0;
  let used = 0;
  let limit = 75;
  for (let i = 0; i < line.length; ) {
    const cp = line.codePointAt(i)!;
    const size = octets(cp);
    const width = cp > 0xffff ? 2 : 1;
    if (used + size > limit) {
      out += `${line.slice(start, i)}\r\n `;
      start = i;
      used = 0;
      limit = 74;
    }
    used += size;
    i += width;
  }
  return `${out}${line.slice(start)}\r\n`;
}

/** "2027-05-13T09:00:00.000Z" as "20270513T090000Z". */
export const utcStamp = (iso: string) => `${new Date(iso).toISOString().slice(0, 19).replace(/[-:]/g, '')}Z`;

/** A local wall-clock "2027-05-13T09:00" or "2027-05-13T09:00:00" as "20270513T090000". */
export const localStamp = (local: string) => (local.length === 16 ? `${local}:00` : local).replace(/[-:]/g, '');

/** Content lines from a name (with parameters) and a value, folded. */
export const property = (name: string, value: string) => foldLine(`${name}:${value}`);

/** A VTIMEZONE (or any ready-made component) with CRLF line ends, whatever it came with. */
export const component = (text: string) =>
  text
    .split(/\r?\n/)
    .filter((l) => l !== '')
    .map((l) => `${l}\r\n`)
    .join('');
