import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { householdHeader, householdRow, rosterHeader, writeCsv } from '../helpers/table-files.ts';
import { cliRunner } from '../helpers/run-cli.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'huhuqing-cli-engine-'));
const saved = process.env.DATABASE_URL;
const { run, output } = cliRunner();

beforeAll(() => {
  process.env.DATABASE_URL = `file:${path.join(dir, 'cli.db')}`;
});
afterAll(() => {
  process.env.DATABASE_URL = saved;
});

describe('engine commands', () => {
  it('opens cases, moves time with tick --now, shows a case timeline, extends deadlines, adds a calendar year', async () => {
    const roster = writeCsv(dir, 'roster.csv', [
      rosterHeader,
      ['王芳', '责任人', '13900000001', '', 'ou_officer', '云南省', '曲靖市', '麒麟区', '', '', ''],
      ['赵督', '督查员', '13900000003', '', 'ou_county', '云南省', '曲靖市', '麒麟区', '', '', ''],
      ['', '', '', '', '', '云南省', '曲靖市', '麒麟区', 'oc_inspection', '麒麟区督查组', '督查组'],
    ]);
    expect(await run('roster', 'import', roster)).toBe(0);
    const households = writeCsv(dir, 'h.csv', [householdHeader, householdRow(1, { 责任人: '王芳' }), householdRow(2, { 责任人: '王芳' })]);
    expect(await run('import', households)).toBe(0);

    expect(await run('cases', 'open', '--campaign', '2025户户清', '--now', '2025-09-26T15:30:00+08:00')).toBe(0);
    expect(output().join('\n')).toContain('已立案 2 户');
    expect(await run('tick', '--now', '2025-10-14T09:00:00+08:00')).toBe(0);
    expect(output().join('\n')).toMatch(/到期 2 项，执行 2 项.*待发消息 1 条/);
    expect(await run('tick', '--now', '2025-10-18T09:00:00+08:00')).toBe(0);
    expect(output().join('\n')).toMatch(/执行 6 项/);

    expect(await run('case', 'qj-00001')).toBe(0);
    const timeline = output().join('\n');
    expect(timeline).toContain('户主 杨*华');
    expect(timeline).not.toContain('杨小华');
    expect(timeline).toMatch(/立案[\s\S]*发送提醒[\s\S]*已过期限[\s\S]*督办/);

    expect(
      await run('cases', 'extend', '--region', '麒麟区', '--workdays', '3', '--reason', '汛期', '--now', '2025-10-18T10:00:00+08:00'),
    ).toBe(0);
    expect(output().join('\n')).toContain('已为麒麟区的 2 个案件延长 3 个工作日');

    const year = path.join(dir, '2027.json');
    writeFileSync(year, JSON.stringify({ year: 2027, holidays: ['2027-01-01', '2027-01-02', '2027-01-03'], workdays: [] }));
    expect(await run('calendar', 'add', year)).toBe(0);
    expect(await run('calendar', 'list')).toBe(0);
    expect(output().join('\n')).toMatch(/管理员添加：2027/);
  });

  it('publishes a new flow version, diffs a file against the published one, and migrates with a dry run', async () => {
    const flow = JSON.parse(readFileSync('flows/huhuqing.json', 'utf8'));
    flow.version = 2;
    flow.states.working.states.verifying.meta.deadline = { workdays: 15 };
    const v2 = path.join(dir, 'huhuqing-v2.json');
    writeFileSync(v2, JSON.stringify(flow, null, 2));
    expect(await run('flows', 'diff', v2)).toBe(0);
    expect(await run('flows', 'publish', v2)).toBe(0);
    expect(output().join('\n')).toContain('已发布 huhuqing 第 2 版');
    expect(await run('flows', 'publish', v2)).toBe(0);
    expect(output().join('\n')).toContain('无需发布');
    expect(
      await run('cases', 'migrate', '--flow', 'huhuqing', '--from', '1', '--to', '2', '--dry-run', '--now', '2025-10-20T09:00:00+08:00'),
    ).toBe(0);
    expect(output().join('\n')).toMatch(/试运行：2 个案件将迁移到第 2 版/);
  });

  it('says what to fix for a bad --now or an unknown household', async () => {
    expect(await run('tick', '--now', 'yesterday')).toBe(2);
    expect(output().join('\n')).toMatch(/--now「yesterday」不是有效的时间/);
    expect(await run('case', 'NOPE-1')).toBe(2);
    expect(output().join('\n')).toMatch(/没有档案编号为 NOPE-1 的家庭/);
  });
});
