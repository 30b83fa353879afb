// The report as an .xlsx workbook with one sheet: title row, bold header, the rows, a bold 合计 row,
// number formats (#,##0; signed for changes), widths fitted to the content, then the notes.
import ExcelJS from 'exceljs';
import { reportBody, reportColumns } from '../core/reports/report-grid.ts';
import { dimensionLabels, type Report } from '../core/reports/report-types.ts';

const countFormat = '#,##0';
const changeFormat = '+#,##0;-#,##0;0';

export async function writeReportXlsx(report: Report, file: string): Promise<void> {
  await reportWorkbook(report).xlsx.writeFile(file);
}

export function reportWorkbook(report: Report): ExcelJS.Workbook {
  const columns = reportColumns(report);
  const body = reportBody(report);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'huhuqing';
  const sheet = workbook.addWorksheet(`按${dimensionLabels[report.dimension]}`, { views: [{ state: 'frozen', ySplit: 2 }] });

  const title = sheet.addRow([report.title]);
  title.font = { bold: true, size: 13 };
  sheet.mergeCells(1, 1, 1, columns.length);

  const header = sheet.addRow(columns.map((c) => c.header));
  header.font = { bold: true };
  header.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7E6E6' } };
    cell.border = { bottom: { style: 'thin' } };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  });

  body.forEach((cells, index) => {
    const row = sheet.addRow(cells);
    columns.forEach((c, i) => {
      if (c.kind !== 'label') row.getCell(i + 1).numFmt = c.kind === 'change' ? changeFormat : countFormat;
    });
    if (index === body.length - 1) {
      row.font = { bold: true };
      row.eachCell((cell) => (cell.border = { top: { style: 'thin' } }));
    }
  });

  if (report.notes.length > 0) sheet.addRow([]);
  for (const note of report.notes) sheet.addRow([note]);

  columns.forEach((c, i) => {
    const widest = Math.max(displayWidth(c.header), ...body.map((cells) => displayWidth(String(cells[i] ?? ''))));
    sheet.getColumn(i + 1).width = Math.min(40, Math.max(c.kind === 'label' ? 8 : 10, widest + 3));
  });
  return workbook;
}

// CJK characters take two columns in Excel's width unit.
function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += /[\u2E80-\uFFEF]/.test(ch) ? 2 : 1;
  return w;
}
