import ExcelJS from 'exceljs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { acknowledgeEscalation } from '../../src/app/cases/acknowledge-escalation.ts';
import { sendCaseEvent } from '../../src/app/cases/send-case-event.ts';
import { buildInspectionLedger } from '../../src/app/ledger/build-inspection-ledger.ts';
import { findRegion } from '../../src/app/regions/find-region.ts';
import { runDueTimers } from '../../src/app/timers/run-due-timers.ts';
import { ledgerSheets, ledgerWorkbook } from '../../src/files/write-ledger-xlsx.ts';
import { at, createCampaign, type Campaign } from '../helpers/engine-fixture.ts';
import { cliRunner } from '../helpers/run-cli.ts';

let campaign: Campaign | undefined;
afterEach(async () => campaign?.db.cleanup());

const fmt = (d: Date) => d.toISOString();

describe('the 督查 ledger', () => {
  it('lists the overdue households with officer, days overdue and the reason given, and every reminder and escalation with who acknowledged it', async () => {
    campaign = await createCampaign({ households: 3, openedAt: at('2025-09-26 15:30') });
    const [first, second, third] = campaign.caseIds as [number, number, number];
    const { deps, people } = campaign;
    await runDueTimers(deps, at('2025-10-14 09:00')); // reminders
    await runDueTimers(deps, at('2025-10-17 09:00')); // deadline passes
    // The third household is verified a day late: its next step has a new deadline, so it is no longer overdue.
    const done = await sendCaseEvent(deps, {
      caseId: third,
      type: 'VERIFIED',
      form: { persons: '3', causes: ['收入低'], visit_date: '2025-10-17' },
      operator: people.officer,
      source: 'card',
      now: at('2025-10-17 10:00'),
    });
    expect(done.ok).toBe(true);
    await runDueTimers(deps, at('2025-10-18 09:00')); // escalation to the inspection group
    expect((await acknowledgeEscalation(deps, first, people.county, at('2025-10-18 10:00'))).ok).toBe(true);
    // The officer explains the delay on the second household (an extension request with its reason).
    const asked = await sendCaseEvent(deps, {
      caseId: second,
      type: 'REQUEST_EXTENSION',
      form: { workdays: '5', reason: '户主住院，无法入户' },
      operator: people.officer,
      source: 'card',
      now: at('2025-10-18 11:00'),
    });
    expect(asked.ok).toBe(true);
    // The county supervisor refuses it: the case is back at 入户核实, still overdue.
    const refused = await sendCaseEvent(deps, {
      caseId: second,
      type: 'REFUSE_EXTENSION',
      form: { reason: '请先电话核实' },
      operator: people.county,
      source: 'card',
      now: at('2025-10-18 12:00'),
    });
    expect(refused).toMatchObject({ ok: true, toState: 'verifying' });

    const region = await findRegion(deps.db, '麒麟区');
    const ledger = await buildInspectionLedger(deps, region, at('2025-10-20 09:00'));
    const byNo = new Map(ledger.cases.map((c) => [c.archiveNo, c]));
    const households = await deps.db.household.findMany({ orderBy: { id: 'asc' } });
    expect(byNo.has(households[2]!.archiveNo)).toBe(false);
    const a = byNo.get(households[0]!.archiveNo)!;
    expect(a).toMatchObject({ officer: '王芳', state: '入户核实', acknowledgedBy: '赵督', escalations: 1 });
    expect(a.daysOverdue).toBeGreaterThanOrEqual(3);
    expect(a.reminders).toBeGreaterThan(0);
    expect(a.headName).toContain('*');
    expect(a.headName).not.toBe(households[0]!.headName);
    const b = byNo.get(households[1]!.archiveNo);
    expect(b?.state).toBe('入户核实');
    expect(b?.reason).toBe('户主住院，无法入户');
    const contacts = ledger.contacts.filter((k) => k.archiveNo === a.archiveNo);
    expect(contacts.map((k) => k.kind)).toContain('提醒');
    expect(contacts.find((k) => k.kind === '督办')).toMatchObject({ to: expect.any(String), rung: 0, acknowledgedBy: '赵督' });
    expect(contacts.find((k) => k.kind === '提醒')).toMatchObject({ to: '王芳' });

    // Written as a workbook that opens with the expected rows.
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'ledger-')), 'ledger.xlsx');
    await ledgerWorkbook(ledger, fmt).xlsx.writeFile(file);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    const sheet = book.getWorksheet(ledgerSheets.cases)!;
    expect(sheet.getRow(2).getCell(1).value).toBe('档案编号');
    expect(sheet.rowCount).toBe(2 + ledger.cases.length);
    const rowA = [...Array(sheet.rowCount).keys()].map((i) => sheet.getRow(i + 1)).find((r) => r.getCell(1).value === a.archiveNo)!;
    expect(rowA.getCell(5).value).toBe('王芳');
    expect(rowA.getCell(11).value).toBe('赵督');
    const log = book.getWorksheet(ledgerSheets.contacts)!;
    expect(log.rowCount).toBe(2 + ledger.contacts.length);
    // No ID numbers or phones anywhere in the file.
    const text = JSON.stringify(book.worksheets.map((w) => w.getSheetValues()));
    for (const h of households) {
      expect(text).not.toContain(h.idNumber);
      if (h.phone) expect(text).not.toContain(h.phone);
      expect(text).not.toContain(h.headName);
    }
  });

  it('huhuqing ledger writes the workbook of a region and refuses a file that is not .xlsx', async () => {
    campaign = await createCampaign({ households: 2, openedAt: at('2025-09-26 15:30') });
    await runDueTimers(campaign.deps, at('2025-10-17 09:00'));
    await runDueTimers(campaign.deps, at('2025-10-18 09:00'));
    const saved = process.env.DATABASE_URL;
    process.env.DATABASE_URL = campaign.db.url;
    const { run, output } = cliRunner();
    try {
      const out = path.join(campaign.db.dir, '麒麟区督查台账.xlsx');
      expect(await run('ledger', '--region', '麒麟区', '--out', out, '--at', '2025-10-20T09:00:00+08:00')).toBe(0);
      expect(output().join('\n')).toContain('麒麟区 逾期 2 户');
      const book = new ExcelJS.Workbook();
      await book.xlsx.readFile(out);
      expect(book.getWorksheet(ledgerSheets.cases)!.rowCount).toBe(4);
      expect(await run('ledger', '--region', '麒麟区', '--out', path.join(campaign.db.dir, 'x.csv'))).toBe(2);
      expect(output().join('\n')).toContain('.xlsx');
      expect(await run('ledger', '--region', '火星区', '--out', out)).toBe(2);
    } finally {
      process.env.DATABASE_URL = saved;
    }
  });
});
