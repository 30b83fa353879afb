// The Worker as wrangler bundles and serves it (minified, wrangler.toml's [define], a local D1):
// scripts/workers-e2e.ts drives `wrangler dev --test-scheduled` through the Node server's scenario.
// The workers suite (test/workers) covers the same paths inside the vitest pool; this one catches
// what only the real bundle shows.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

describe('scripts/workers-e2e.ts', () => {
  it('runs the end-to-end scenario against wrangler dev', { timeout: 240_000 }, async () => {
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'scripts/workers-e2e.ts'], {
      env: { ...process.env, WRANGLER_SEND_METRICS: 'false' },
      timeout: 230_000,
    });
    expect(stdout).toContain('POST /lark/events (signed, encrypted 查 QJ-E2E-001) — HTTP 200');
    expect(stdout).toMatch(/card callback 已核实 — HTTP 200 .* verifying → classifying/);
    expect(stdout).toMatch(/scheduled\(\) → runDueTimers \+ outbox — \d+ timers fired/);
    expect(stdout).toContain('done — the Worker ran the same scenario as the Node server');
  });
});
