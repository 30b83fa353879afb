// The 督查 ledger as an .xlsx workbook: 逾期户 (one row per overdue household) and 提醒与督办记录
// (every reminder and escalation sent for them), bold frozen headers, real dates, fitted widths.
import ExcelJS from 'exceljs';
import type { InspectionLedger } from '../core/ledger/ledger-types.ts';

export const ledgerSheets = { cases: '逾期户', contacts: '提醒与督办记录' } as const;

export function ledgerWorkbook(ledger: InspectionLedger, formatTime: (d: Date) => string): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'huhuqing';
  const cases = workbook.addWorksheet(ledgerSheets.cases, { views: [{ state: 'frozen', ySplit: 2 }] });
  title(cases, `${ledger.region} 督查台账（截至 ${formatTime(ledger.at)}）：逾期 ${ledger.cases.length} 户`, 11);
  header(cases, ['档案编号', '户主', '县区', '当前环节', '责任人', '期限', '逾期天数', '责任人说明', '提醒次数', '督办次数', '督办人']);
  for (const c of ledger.cases)
    cases.addRow([
      c.archiveNo,
      c.headName,
      c.county,
      c.state,
      c.officer,
      c.deadline,
      c.daysOverdue,
      c.reason,
      c.reminders,
      c.escalations,
      c.acknowledgedBy,
    ]);
  fit(cases, [22, 8, 10, 10, 8, 12, 8, 30, 8, 8, 12]);

  const contacts = workbook.addWorksheet(ledgerSheets.contacts, { views: [{ state: 'frozen', ySplit: 2 }] });
  title(contacts, `${ledger.region} 提醒与督办记录：共 ${ledger.contacts.length} 条`, 8);
  header(contacts, ['档案编号', '类型', '发送时间', '发给', '督办级别', '加急', '督办人', '督办时间']);
  for (const k of ledger.contacts)
    contacts.addRow([
      k.archiveNo,
      k.kind,
      formatTime(k.at),
      k.to,
      k.rung ?? '',
      k.urgent ? '是' : '',
      k.acknowledgedBy,
      k.acknowledgedAt ? formatTime(k.acknowledgedAt) : '',
    ]);
  fit(contacts, [22, 6, 18, 16, 8, 6, 10, 18]);
  return workbook;
}

function title(sheet: ExcelJS.Worksheet, text: string, width: number): void {
  sheet.addRow([text]).font = { bold: true, size: 13 };
  sheet.mergeCells(1, 1, 1, width);
}

function header(sheet: ExcelJS.Worksheet, names: string[]): void {
  const row = sheet.addRow(names);
  row.font = { bold: true };
  row.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7E6E6' } };
    cell.border = { bottom: { style: 'thin' } };
  });
}

function fit(sheet: ExcelJS.Worksheet, widths: number[]): void {
  widths.forEach((w, i) => (sheet.getColumn(i + 1).width = w + 2));
}
