const cell = (value: unknown) => {
  const text = value === null || value === undefined ? "" : typeof value === "string" ? value : JSON.stringify(value);
  // A leading formula character is neutralised so spreadsheets show the text instead of running it.
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return `"${safe.replace(/"/g, '""')}"`;
};

/** One CSV line (RFC 4180 quoting, CRLF added by the caller's join), safe to open in a spreadsheet. */
export function formatCsvRow(values: readonly unknown[]): string {
  return values.map(cell).join(",");
}
