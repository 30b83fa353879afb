import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { renderFlowJsonSchema } from '../../src/core/flows/flow-json-schema.ts';
import type { FlowJson } from '../core/flows/flow-fixture.ts';

const defaultText = readFileSync('flows/huhuqing.json', 'utf8');
let dir: string;
let out: string[];

async function run(...args: string[]): Promise<{ code: number; text: string }> {
  out = [];
  const code = await main(['node', 'huhuqing', 'flows', ...args]);
  return { code, text: out.join('') };
}

function writeVariant(name: string, mutate: (f: FlowJson) => void): string {
  const flow = JSON.parse(defaultText);
  mutate(flow);
  const file = path.join(dir, name);
  writeFileSync(file, JSON.stringify(flow, null, 2));
  return file;
}

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'huhuqing-flows-'));
  const capture = (chunk: unknown) => {
    out.push(String(chunk));
    return true;
  };
  vi.spyOn(process.stdout, 'write').mockImplementation(capture);
  vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => capture(`${a.join(' ')}\n`));
  vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => capture(`${a.join(' ')}\n`));
});

afterEach(() => {
  vi.restoreAllMocks();
  rmSync(dir, { recursive: true, force: true });
});

describe('huhuqing flows validate', () => {
  it('accepts the flows/ directory by default and exits 0', async () => {
    const { code, text } = await run('validate');
    expect(text).toBe('✓ flows/huhuqing.json：有效（9 个状态）\n');
    expect(code).toBe(0);
  });

  it('lists every problem as "file: path (title): message" and exits 2', async () => {
    const file = writeVariant('x.json', (f) => {
      delete f.states.working.states.classifying.meta.deadline;
      f.states.working.states.verifying.on.VERIFIED.guard = 'isBoss';
    });
    const { code, text } = await run('validate', file);
    expect(code).toBe(2);
    expect(text).toContain(
      `${file}: states.working.states.classifying.meta.deadline (精准识别): 状态 classifying（精准识别）不是终态，却没有期限`,
    );
    expect(text).toContain(`${file}: states.working.states.verifying.on.VERIFIED.guard (入户核实): `);
    expect(text).toMatch(/✗ .*x\.json：\d+ 处问题/);
  });

  it('checks every flow of a directory, skipping the JSON Schema, and reports invalid JSON with line and column', async () => {
    writeFileSync(path.join(dir, 'flow.schema.json'), '{}');
    writeFileSync(path.join(dir, 'good.json'), defaultText);
    writeFileSync(path.join(dir, 'bad.json'), '{\n  "id": "bad",\n}\n');
    const { code, text } = await run('validate', dir);
    expect(code).toBe(2);
    expect(text).toContain(`✓ ${path.join(dir, 'good.json')}：有效（9 个状态）`);
    expect(text).toContain(`${path.join(dir, 'bad.json')}: JSON 语法错误（第 3 行第 1 列）：多余的逗号`);
    expect(text).not.toContain('flow.schema.json');
    expect(text).not.toMatch(/\n\s+at /);
  });

  it('says what to do when the path does not exist', async () => {
    const { code, text } = await run('validate', path.join(dir, 'nope'));
    expect(code).toBe(2);
    expect(text).toContain('找不到');
  });
});

describe('huhuqing flows diagram, diff and schema', () => {
  it('prints the Mermaid diagram of a flow found by id', async () => {
    const { code, text } = await run('diagram', 'huhuqing');
    expect(code).toBe(0);
    expect(text).toMatch(/^stateDiagram-v2\n/);
    expect(text).toContain('verifying --> classifying : 已核实');
  });

  it('refuses to draw an invalid flow, listing its problems', async () => {
    const file = writeVariant('broken.json', (f) => {
      f.initial = 'start';
    });
    const { code, text } = await run('diagram', file);
    expect(code).toBe(2);
    expect(text).toContain('initial 指向不存在的状态 start');
  });

  it('diffs a new version against the flow of the same id in the flows directory', async () => {
    const file = writeVariant('huhuqing-v2.json', (f) => {
      f.version = 2;
      f.states.working.states.verifying.meta.deadline = { workdays: 15 };
    });
    const { code, text } = await run('diff', file);
    expect(code).toBe(0);
    expect(text).toContain('huhuqing：版本 1 → 2，共 1 处变更');
    expect(text).toContain('入户核实（verifying）：期限 10 个工作日 → 15 个工作日');
    const json = await run('diff', file, '--against', 'flows/huhuqing.json', '--json');
    expect(JSON.parse(json.text)).toContainEqual(expect.objectContaining({ kind: 'deadline', state: 'verifying' }));
  });

  it('says when there is nothing to diff against', async () => {
    // Targets like "#huhuqing.acceptance" name the machine id, so a renamed flow renames them too.
    const file = path.join(dir, 'other.json');
    writeFileSync(file, defaultText.replace('"id": "huhuqing"', '"id": "other"').replaceAll('#huhuqing.', '#other.'));
    const { code, text } = await run('diff', file);
    expect(code).toBe(2);
    expect(text).toContain('--against');
  });

  it('prints the JSON Schema that flows/flow.schema.json holds', async () => {
    const { code, text } = await run('schema');
    expect(code).toBe(0);
    expect(text).toBe(renderFlowJsonSchema());
  });
});
