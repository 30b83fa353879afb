// A spreadsheet cell as text for CSV output: dates as YYYY-MM-DD, exceljs objects by their text.
export function formatCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    const v = value as { text?: unknown; result?: unknown; richText?: { text: string }[]; error?: unknown };
    if (Array.isArray(v.richText)) return v.richText.map((r) => r.text).join('');
    if (v.text !== undefined) return formatCell(v.text);
    if (v.result !== undefined) return formatCell(v.result);
    if (v.error !== undefined) return String(v.error);
    return JSON.stringify(value);
  }
  return String(value);
}
