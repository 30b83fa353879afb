import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { flowDiagram } from '../../../src/core/flows/flow-diagram.ts';
import { indexFlowStates } from '../../../src/core/flows/index-flow-states.ts';
import { defaultFlow } from './flow-fixture.ts';

describe('flowDiagram', () => {
  const flow = defaultFlow();
  const text = flowDiagram(flow);

  it('is a Mermaid stateDiagram-v2 with every state labelled by its title', () => {
    expect(text.startsWith('stateDiagram-v2\n')).toBe(true);
    for (const [key, state] of indexFlowStates(flow)) {
      if (state.kind === 'history') continue;
      expect(text).toContain(`state "${state.title}" as ${key}`);
    }
  });

  it('labels transitions with the card buttons, starts at the initial state and ends finals in [*]', () => {
    expect(text).toContain('[*] --> working');
    expect(text).toContain('[*] --> verifying');
    expect(text).toContain('verifying --> classifying : 已核实');
    expect(text).toContain('acceptance --> verifying : 退回重核');
    expect(text).toContain('extension_review --> working : 批准延期（回到原步骤）');
    expect(text).toContain('working --> closed : 撤档');
    expect(text).toContain('relieved --> [*]');
    expect(text).toContain('closed --> [*]');
  });

  it('keeps the steps inside their composite state', () => {
    const block = text.slice(text.indexOf('state working {'), text.indexOf('}', text.indexOf('state working {')));
    for (const key of ['verifying', 'classifying', 'planning', 'implementing']) expect(block).toContain(`as ${key}`);
    expect(block).not.toContain('as acceptance');
  });

  it('is the diagram docs/flows.md shows', () => {
    expect(readFileSync('docs/flows.md', 'utf8')).toContain(`\`\`\`mermaid\n${text}\`\`\``);
  });
});
