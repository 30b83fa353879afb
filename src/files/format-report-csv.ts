// The report as CSV for Excel and scripts: UTF-8 with a BOM (so Excel on Chinese Windows reads it as
// UTF-8), CRLF lines, one header row, plain numbers (no separators, changes as -3911). Only the table:
// the title and notes stay out so every line is a data row.
import { reportBody, reportColumns } from '../core/reports/report-grid.ts';
import type { Report } from '../core/reports/report-types.ts';

const bom = '\uFEFF';

export function formatReportCsv(report: Report): string {
  const lines = [reportColumns(report).map((c) => c.header), ...reportBody(report)].map((cells) => cells.map(csvField).join(','));
  return bom + lines.join('\r\n') + '\r\n';
}

function csvField(cell: string | number): string {
  const text = String(cell);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
