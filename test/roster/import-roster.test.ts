import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importRoster } from '../../src/app/roster/import-roster.ts';
import { openTableFile } from '../../src/files/open-table-file.ts';
import { householdHeader, householdRow, rosterHeader, writeCsv, writeXlsx } from '../helpers/table-files.ts';
import { runImport } from '../helpers/import-fixture.ts';
import { createTempDb, type TempDb } from '../helpers/temp-db.ts';

let db: TempDb;
let dir: string;
const now = new Date('2026-11-20T02:00:00Z');
beforeEach(async () => {
  db = await createTempDb();
  dir = mkdtempSync(path.join(tmpdir(), 'huhuqing-roster-'));
});
afterEach(async () => db.cleanup());

const roster = (file: string, dryRun = false) =>
  openTableFile(file).then((src) => importRoster(db.prisma, src, { dryRun, now, actor: 'test', fileName: file }));

const good = [
  rosterHeader,
  ['贺明', '管理员', '15978803571', 'heming@example.com', '', '', '', '', '', '', ''],
  ['熊三锋', '督查员', '17887251963', '', 'ou_07d5dc45062e50b59a1c591acb1235e2', '云南省', '曲靖市', '', '', '', ''],
  ['王芳', '责任人', '13900000001', '', '', '云南省', '曲靖市', '麒麟区', '', '', ''],
  ['', '', '', '', '', '云南省', '曲靖市', '麒麟区', 'oc_1111', '麒麟区帮扶工作群', '工作群'],
  ['', '', '', '', '', '云南省', '曲靖市', '麒麟区', 'oc_2222', '麒麟区督查组', '督查组'],
  ['', '', '', '', '', '云南', '曲靖', '', 'oc_3333', '曲靖市督导群', '督导群'],
];

describe('roster import', () => {
  it('imports people with their role and region scope and binds chats to regions', async () => {
    const r = await roster(writeCsv(dir, 'roster.csv', good));
    expect(r).toMatchObject({ people: { created: 3 }, chats: { created: 3 }, rejected: 0 });
    const city = await db.prisma.person.findUniqueOrThrow({ where: { mobile: '17887251963' }, include: { region: true } });
    expect(city).toMatchObject({
      role: 'supervisor',
      openId: 'ou_07d5dc45062e50b59a1c591acb1235e2',
      region: { name: '曲靖市', level: 'city' },
    });
    const admin = await db.prisma.person.findUniqueOrThrow({ where: { email: 'heming@example.com' } });
    expect(admin).toMatchObject({ role: 'admin', regionId: null });
    const inspection = await db.prisma.chat.findUniqueOrThrow({ where: { chatId: 'oc_2222' }, include: { region: true } });
    expect(inspection).toMatchObject({ purpose: 'inspection_group', region: { name: '麒麟区' } });
    expect((await db.prisma.chat.findUniqueOrThrow({ where: { chatId: 'oc_3333' }, include: { region: true } })).region?.name).toBe(
      '曲靖市',
    );
    expect(await db.prisma.auditEvent.count({ where: { action: 'chat.bound' } })).toBe(3);
  });

  it('re-importing matches people by mobile/email/open_id and updates what changed', async () => {
    await roster(writeCsv(dir, 'a.csv', good));
    const changed = good.map((row) =>
      row[0] === '王芳'
        ? ['王芳', '责任人', '13900000001', 'wangfang@example.com', 'ou_bbbb', '云南省', '曲靖市', '沾益区', '', '', '']
        : row,
    );
    const r = await roster(writeCsv(dir, 'b.csv', changed));
    expect(r).toMatchObject({ people: { created: 0, updated: 1, unchanged: 2 }, chats: { unchanged: 3 } });
    const p = await db.prisma.person.findUniqueOrThrow({ where: { mobile: '13900000001' }, include: { region: true } });
    expect(p).toMatchObject({ email: 'wangfang@example.com', openId: 'ou_bbbb', region: { name: '沾益区' } });
    expect(await db.prisma.person.count()).toBe(3);
  });

  it('completes a person that a household import added by mobile', async () => {
    await runImport(db, writeCsv(dir, 'h.csv', [householdHeader, householdRow(1, { 责任人: '13900000009' })]));
    expect((await db.prisma.person.findUniqueOrThrow({ where: { mobile: '13900000009' } })).name).toBe('待确认（139****0009）');
    await roster(
      writeCsv(dir, 'r.csv', [rosterHeader, ['赵敏', '责任人', '13900000009', '', 'ou_cccc', '云南省', '曲靖市', '麒麟区', '', '', '']]),
    );
    expect(await db.prisma.person.findUniqueOrThrow({ where: { mobile: '13900000009' } })).toMatchObject({
      name: '赵敏',
      openId: 'ou_cccc',
    });
  });

  it('rejects bad rows with their row number and reason, importing the rest', async () => {
    const file = await writeXlsx(dir, 'bad.xlsx', [
      rosterHeader,
      ['王芳', '责任人', '13900000001', '', '', '云南省', '曲靖市', '麒麟区', '', '', ''],
      ['李四', '村长', '', '', '', '云南省', '曲靖市', '麒麟区', '', '', ''],
      ['王芳二', '责任人', '13900000001', '', '', '云南省', '曲靖市', '麒麟区', '', '', ''],
      ['', '', '', '', '', '云南省', '曲靖市', '麒麟区', 'chat-9', '群', '闲聊群'],
      ['赵六', '责任人', '13900000005', '', '', '云南省', '昆明', '麒麟区', '', '', ''],
      ['钱七', '责任人', '13900000006', '', '', '云南省', '曲靖市', '', '', '', ''],
    ]);
    const r = await roster(file);
    expect(r.people.created).toBe(1);
    const reasons = new Map(r.rejects.map((x) => [x.rowNumber, x.reasons.join('；')]));
    expect(reasons.get(3)).toMatch(/角色「村长」无法识别.*手机、邮箱、open_id 都为空/);
    expect(reasons.get(4)).toMatch(/与第 2 行是同一人/);
    expect(reasons.get(5)).toMatch(/群ID「chat-9」格式不对.*群用途「闲聊群」无法识别/);
    expect(reasons.get(6)).toMatch(/县区「麒麟区」不在昆明市下/);
    expect(reasons.get(7)).toMatch(/责任人需要填写到县区/);
  });

  it('--dry-run writes nothing', async () => {
    const r = await roster(writeCsv(dir, 'roster.csv', good), true);
    expect(r).toMatchObject({ dryRun: true, people: { created: 3 }, chats: { created: 3 } });
    expect(await db.prisma.person.count()).toBe(0);
    expect(await db.prisma.region.count()).toBe(0);
  });
});
