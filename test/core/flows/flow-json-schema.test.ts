import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { flowJsonSchema, renderFlowJsonSchema } from '../../../src/core/flows/flow-json-schema.ts';
import { defaultFlowJson } from './flow-fixture.ts';

describe('flows/flow.schema.json', () => {
  it('is the JSON Schema generated from the zod schema (regenerate: huhuqing flows schema > flows/flow.schema.json)', () => {
    expect(readFileSync('flows/flow.schema.json', 'utf8')).toBe(renderFlowJsonSchema());
  });

  it('offers the registry names for completion and rejects unknown keys', () => {
    const text = renderFlowJsonSchema();
    for (const name of ['isSupervisorOfRegion', 'extendDeadline', 'inspection_group', 'close_reasons', 'multi_select'])
      expect(text).toContain(`"${name}"`);
    expect(flowJsonSchema()).toMatchObject({ additionalProperties: false, required: ['id', 'version', 'initial', 'states'] });
  });

  it('is what every flow file names in $schema', () => {
    expect(defaultFlowJson().$schema).toBe('./flow.schema.json');
  });
});
