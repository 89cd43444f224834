/** CSV export of the console's tables (pure; the download itself is in `download.ts`). */

export type CsvCell = string | number | null | undefined;

/** UTF-8 byte order mark: Excel reads the file as UTF-8 only with it (accents stay right). */
export const BOM = '\uFEFF';

/**
 * A cell as RFC 4180 wants it: quoted (inner quotes doubled) when it holds a comma, a quote, CR or
 * LF. Text that a spreadsheet would run as a formula (=, +, -, @, tab, CR first) gets a leading
 * apostrophe: table text can be customer text. Numbers are written as numbers (dot decimal).
 */
export function csvCell(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The header row and the rows as one CSV text: comma separated, CRLF line breaks, BOM first. */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  const lines = [header, ...rows].map((row) => row.map(csvCell).join(','));
  return `${BOM}${lines.join('\r\n')}\r\n`;
}

/** A file name for a table export: `ouvidor-<table>-<from>_<to>.csv`, only safe characters. */
export function csvFileName(table: string, from: string, to: string): string {
  const safe = (s: string) => s.replace(/[^\w.-]+/g, '-');
  return `ouvidor-${safe(table)}-${safe(from)}_${safe(to)}.csv`;
}
