// CSV for spreadsheets. Every cell is quoted, and cells that a spreadsheet would run as a formula
// (starting with = + - @, tab or carriage return) are prefixed with an apostrophe. Lines end in
// CRLF (RFC 4180); a file starts with a byte order mark, without which Excel reads UTF-8 as its
// local code page and mangles every accented name.
export function csvCell(value: unknown): string {
  let text = value === null || value === undefined ? '' : Array.isArray(value) ? value.join('; ') : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return `"${text.replace(/"/g, '""')}"`;
}

/** The byte order mark that opens every CSV file. */
export const BOM = '\uFEFF';

/**
 * Comma for Google Sheets, LibreOffice, Numbers and Excel where the list separator is a comma;
 * semicolon for Excel where the decimal separator is a comma (most of Europe), which splits on ";".
 */
export const csvDelimiters = { comma: ',', semicolon: ';' } as const;
export type CsvDelimiter = keyof typeof csvDelimiters;

export const csvLine = (cells: unknown[], delimiter: CsvDelimiter = 'comma') =>
  `${cells.map(csvCell).join(csvDelimiters[delimiter])}\r\n`;
