// Turns a spreadsheet cell (CSV string, number or exceljs cell value) into clean single-line text.

// Zero-width characters and the BOM that copy-paste from web pages and Word leaves in cells.
const invisible = /[\u200b-\u200d\u2060\ufeff]/g;
const cjkSpaces = /(?<=\p{Script=Han})\s+(?=\p{Script=Han})/gu;

export function normalizeText(value: unknown): string {
  const text = rawText(value);
  if (isNormal(text)) return text;
  return text
    .normalize('NFKC')
    .replace(invisible, '')
    .replace(/[\u3000\u00a0]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Removes spaces between Chinese characters: officers pad two-character names ("王\u3000芳", with an ideographic space). */
export function removeCjkSpaces(text: string): string {
  return /\s/.test(text) ? text.replace(cjkSpaces, '') : text;
}

/**
 * True when normalizeText would return the text unchanged: printable ASCII without spaces, and
 * the CJK Unified Ideographs block (no compatibility forms, so NFKC keeps them). Most cells of a
 * million-row file are such text, and skipping NFKC and four replaces for them halves validation.
 */
function isNormal(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c > 0x20 && c < 0x7f) continue;
    if (c >= 0x4e00 && c <= 0x9fff) continue;
    return false;
  }
  return true;
}

function rawText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'bigint' || typeof value === 'boolean') return String(value);
  // exceljs date cell: a Date at UTC midnight of the calendar day shown in Excel.
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10);
  if (typeof value !== 'object' || Array.isArray(value)) return '';
  const cell = value as Record<string, unknown>;
  if ('error' in cell) return ''; // #N/A, #REF! ...: no value to import
  if (Array.isArray(cell.richText)) return cell.richText.map((run: unknown) => rawText(isRecord(run) ? run.text : '')).join('');
  if ('formula' in cell || 'sharedFormula' in cell || 'result' in cell) return rawText(cell.result);
  if ('text' in cell) return rawText(cell.text); // hyperlink; its text may itself be rich text
  return '';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
