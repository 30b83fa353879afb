// The counterexamples the properties in this folder found, shrunk to one example each, so each fix
// stays pinned by a plain test with a readable name.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isAppError } from '../../src/core/app-error.ts';
import { checkFormValues } from '../../src/core/flows/check-form-values.ts';
import type { FormField } from '../../src/core/flows/flow-types.ts';
import { validateFlow } from '../../src/core/flows/validate-flow.ts';
import { openTableFile } from '../../src/files/open-table-file.ts';
import { householdHeader, householdRow, writeXlsx } from '../helpers/table-files.ts';
import { defaultFlowText } from './arbitraries-flow.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'huhuqing-found-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const flow = (): Record<string, any> => JSON.parse(defaultFlowText);
const problems = (value: unknown, text = JSON.stringify(value, null, 2)) => {
  const r = validateFlow(text, 'variant.json');
  return r.ok ? [] : r.problems;
};

describe('flow files', () => {
  it('refuses a state name written twice in one object (JSON would silently keep only the last)', () => {
    const text = defaultFlowText.replace('"closed": {', '"closed": { "type": "final", "meta": { "title": "重复" } },\n    "closed": {');
    expect(problems(null, text)).toEqual([
      expect.objectContaining({ path: 'states.closed', message: expect.stringMatching(/键 "closed" 在 states 中写了两次/) }),
    ]);
  });

  it('refuses a compound state whose initial is its history state, instead of overflowing the stack', () => {
    const f = flow();
    f.states.working.initial = 'resume';
    expect(problems(f)).toContainEqual(
      expect.objectContaining({ path: 'states.working.initial', message: expect.stringContaining('initial 是历史状态 resume') }),
    );
  });

  it('refuses a flow without a top-level final state: no case could ever end', () => {
    const f = flow();
    delete f.states.relieved;
    delete f.states.closed;
    delete f.states.working.on.CLOSE;
    delete f.states.extension_review.on.CLOSE;
    delete f.states.acceptance.on.CLOSE;
    delete f.states.public_notice.on.CLOSE;
    f.states.public_notice.on.NOTICE_PASSED.target = 'working';
    for (const s of [f.states.extension_review, f.states.acceptance, f.states.public_notice, f.states.working.states.verifying]) {
      s.meta.card.actions = s.meta.card.actions.filter((a: { event: string }) => a.event !== 'CLOSE');
    }
    for (const s of Object.values(f.states.working.states) as Array<{ meta?: { card?: { actions: Array<{ event: string }> } } }>) {
      if (s.meta?.card) s.meta.card.actions = s.meta.card.actions.filter((a) => a.event !== 'CLOSE');
    }
    expect(problems(f)).toEqual([expect.objectContaining({ path: 'states', message: expect.stringContaining('没有顶层的终态') })]);
  });

  it('refuses a final state nested in a compound state: it would never end the case', () => {
    const f = flow();
    f.states.working.states.dropped = { type: 'final', meta: { title: '放弃' } };
    f.states.working.states.verifying.on.GIVE_UP = 'dropped';
    expect(problems(f)).toEqual([
      expect.objectContaining({ path: 'states.working.states.dropped', message: expect.stringContaining('只有顶层终态才结束案件') }),
    ]);
  });
});

describe('form values', () => {
  const date: FormField = { name: 'visit_date', label: '入户日期', type: 'date', required: true };
  const person: FormField = { name: 'officer', label: '新责任人', type: 'person', required: true };

  it('refuses a date that does not exist', () => {
    expect(checkFormValues([date], { visit_date: '2025-02-29' })).toEqual(['「入户日期」应为日期 YYYY-MM-DD']);
    expect(checkFormValues([date], { visit_date: '2025-13-45' })).toHaveLength(1);
    expect(checkFormValues([date], { visit_date: '2024-02-29' })).toEqual([]);
  });

  it('refuses free text as a person: only a person id or an open_id', () => {
    expect(checkFormValues([person], { officer: 'garbage' })).toEqual(['「新责任人」应选择一个人']);
    expect(checkFormValues([person], { officer: '王芳' })).toHaveLength(1);
    expect(checkFormValues([person], { officer: '15' })).toEqual([]);
    expect(checkFormValues([person], { officer: 'ou_7d8a6e6df7621556ce0d21922b676706' })).toEqual([]);
  });
});

describe('household files', () => {
  it('refuses a damaged .xlsx with a Chinese file error instead of waiting forever', async () => {
    const good = await writeXlsx(dir, 'good.xlsx', [householdHeader, householdRow(1)]);
    const bytes = readFileSync(good);
    const damaged = path.join(dir, 'damaged.xlsx');
    // One byte inserted into the first zip entry's header: unzipper fails, exceljs never hears of it.
    writeFileSync(damaged, Buffer.concat([bytes.subarray(0, 24), Buffer.from([0]), bytes.subarray(24)]));
    const source = await openTableFile(damaged);
    const read = (async () => {
      for await (const row of source.rows()) void row;
    })();
    let timer: NodeJS.Timeout | undefined;
    const hung = new Promise((resolve) => (timer = setTimeout(() => resolve('hung'), 10_000)));
    const outcome = await Promise.race([
      read.then(
        () => 'read',
        (error: unknown) => error,
      ),
      hung,
    ]);
    clearTimeout(timer);
    expect(isAppError(outcome) && outcome.code).toBe('file_format');
    expect((outcome as Error).message).toMatch(/无法读取 Excel 文件/);
  });
});
