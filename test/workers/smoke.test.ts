import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import worker from '../../src/runtime/worker.ts';

describe('the Worker', () => {
  it('answers /healthz and /readyz with D1 migrated', async () => {
    const ctx = createExecutionContext();
    const res = await worker.fetch(new Request('https://huhuqing.test/readyz'), env, ctx);
    await waitOnExecutionContext(ctx);
    expect(await res.json()).toMatchObject({ ready: true });
  });
});
