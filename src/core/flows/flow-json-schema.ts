// The JSON Schema of flow files, generated from the zod schema: flows/flow.schema.json, which each
// flow names in "$schema" so editors validate and complete it. Regenerate with
// `huhuqing flows schema > flows/flow.schema.json`; a test checks the committed file is current.
import { z } from 'zod';
import { flowSchema } from './flow-schema.ts';
import { formatJson } from './format-json.ts';

export function flowJsonSchema(): Record<string, unknown> {
  // draft-07: the draft VS Code and JetBrains editors complete best.
  return z.toJSONSchema(flowSchema, { target: 'draft-7' }) as Record<string, unknown>;
}

export function renderFlowJsonSchema(): string {
  return formatJson(flowJsonSchema());
}
