// Text people type, cleaned at the boundary: control characters never reach storage, pages,
// messages or feeds. One-line fields lose line breaks too.

// C0/C1 controls, bidi overrides and Unicode line/paragraph separators.
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const LINE_BREAKS = /[\r\n\t]+/g;

/** Whether text holds control characters (tab and newline count only when `allowNewlines` is off). */
export function hasControlCharacters(text: string, allowNewlines = false): boolean {
  CONTROL.lastIndex = 0;
  return CONTROL.test(text) || (!allowNewlines && /[\r\n\t]/.test(text));
}

/** A one-line field as stored: line breaks become spaces, other control characters go. */
export function oneLine(text: string): string {
  return text.replace(LINE_BREAKS, ' ').replace(CONTROL, '').replace(/ {2,}/g, ' ').trim();
}

/** A multi-line field as stored: newlines kept (as \n), other control characters go. */
export function multiLine(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(/\t/g, ' ').replace(CONTROL, '').trim();
}
