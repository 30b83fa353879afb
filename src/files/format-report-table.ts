// The report as terminal text: a title line, a cli-table3 table with Chinese headers and thousands
// separators, then the notes. No colours, so the text can be saved or pasted as it is.
import Table from 'cli-table3';
import { formatChange, formatCount } from '../core/reports/format-report-number.ts';
import { reportBody, reportColumns } from '../core/reports/report-grid.ts';
import type { Report } from '../core/reports/report-types.ts';

export function formatReportTable(report: Report): string {
  const columns = reportColumns(report);
  const table = new Table({
    head: columns.map((c) => c.header),
    colAligns: columns.map((c) => (c.kind === 'label' ? 'left' : 'right')),
    // compact: a rule under the header only, so a long county list fits on one screen.
    style: { head: [], border: [], compact: true },
  });
  for (const cells of reportBody(report)) {
    table.push(
      cells.map((cell, i) => (typeof cell === 'string' ? cell : columns[i]?.kind === 'change' ? formatChange(cell) : formatCount(cell))),
    );
  }
  return [report.title, table.toString(), ...report.notes].join('\n') + '\n';
}
