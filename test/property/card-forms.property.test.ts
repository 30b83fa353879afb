// Property: a card form submitted with a value of the wrong type, size or option — through the real
// route (signed, encrypted POST /lark/events), the roster lookup and the engine — is refused with a
// warning or error toast in Chinese that names a bad field, the bot does not crash, and the case
// does not move (state, version, snapshot, audit unchanged). The same buttons with the good values
// are then accepted, so each refusal was the bad value's doing.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failedCardToast } from '../../src/app/lark/receive-lark-event.ts';
import { sendCaseEvent } from '../../src/app/cases/send-case-event.ts';
import type { Operator } from '../../src/core/engine/authorize-operator.ts';
import { at } from '../helpers/engine-fixture.ts';
import { buttons, formPlan, type Button, type FormPlan } from './arbitraries-form.ts';
import { chinese, startChannelApp, type ChannelApp } from './channel-app.ts';
import { runs } from './property-options.ts';

const openedAt = at('2025-09-26 15:30');

/** How to bring a fresh case (in 入户核实) to each state, with forms the engine accepts. */
const pathTo: Record<string, Array<[string, 'officer' | 'county', Record<string, unknown>]>> = {
  verifying: [],
  classifying: [['VERIFIED', 'officer', { persons: 3, causes: ['收入低'], visit_date: '2025-10-13' }]],
  extension_review: [['REQUEST_EXTENSION', 'officer', { workdays: 3, reason: '户主外出' }]],
};
pathTo.planning = [...pathTo.classifying!, ['CLASSIFIED', 'officer', { causes: ['收入低'], tier: '相对困难' }]];
pathTo.implementing = [...pathTo.planning, ['PLANNED', 'officer', { measures: ['就业帮扶'], responsible: '市总工会' }]];
pathTo.acceptance = [...pathTo.implementing, ['IMPLEMENTED', 'officer', { summary: '已稳定就业' }]];
pathTo.public_notice = [...pathTo.acceptance, ['CONFIRM_RELIEF', 'county', { accepted_on: '2025-12-01' }]];

/** Field labels from the flow file, for "the toast names a bad field". */
const flow = JSON.parse(readFileSync(path.resolve('flows/huhuqing.json'), 'utf8')) as unknown;
function labelOf(event: string, field: string): string {
  let found = '';
  const visit = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(visit);
    else if (typeof v === 'object' && v !== null) {
      const o = v as Record<string, unknown>;
      if (o.event === event && Array.isArray(o.form))
        found ||= ((o.form as Array<Record<string, unknown>>).find((f) => f.name === field)?.label as string) ?? '';
      Object.values(o).forEach(visit);
    }
  };
  visit(flow);
  return found;
}

let ch: ChannelApp;
/** The property's case for each state, and a separate case per button for the good-values control. */
const caseFor = new Map<string, number>();
const controlFor = new Map<Button, number>();
let clicks = 0;

beforeAll(async () => {
  const states = Object.keys(pathTo);
  ch = await startChannelApp({ openedAt, households: states.length + buttons.length });
  ch.setNow(at('2025-10-14 09:00'));
  const { people, caseIds, deps } = ch.campaign;
  const bring = async (caseId: number, state: string) => {
    for (const [event, who, form] of pathTo[state] ?? []) {
      const r = await sendCaseEvent(deps, { caseId, type: event, form, operator: people[who] as Operator, source: 'cli', now: ch.now() });
      expect(r, `${event} on case ${caseId}`).toMatchObject({ ok: true });
    }
  };
  for (const [i, state] of states.entries()) {
    caseFor.set(state, caseIds[i]!);
    await bring(caseIds[i]!, state);
  }
  for (const [i, button] of buttons.entries()) {
    controlFor.set(button, caseIds[states.length + i]!);
    await bring(caseIds[states.length + i]!, button.state);
  }
}, 120_000);
afterAll(async () => ch?.close());

async function click(caseId: number, button: Button, formValue: unknown) {
  const c = await ch.campaign.db.prisma.case.findUniqueOrThrow({ where: { id: caseId } });
  const action: Record<string, unknown> = {
    value: { a: 'event', caseId, event: button.event, state: c.state, v: c.version },
    tag: 'button',
    name: `s_${button.event}`,
  };
  if (formValue !== undefined) action.form_value = formValue;
  const payload = {
    schema: '2.0',
    header: { event_id: `ev_form_${++clicks}`, token: 'x', create_time: '1772416800000', event_type: 'card.action.trigger' },
    event: {
      operator: { open_id: button.operator },
      token: 'c-token',
      action,
      host: 'im_message',
      context: { open_message_id: `om_form_${clicks}`, open_chat_id: 'oc_work' },
    },
  };
  const request = ch.signed(payload, `n${clicks}`);
  const response = await ch.post(request.body, request.headers);
  return { status: response.status, body: (await response.json()) as { toast?: { type: string; content: string } } };
}

const formValueOf = (button: Button, values: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(values).map(([name, v]) => [`f_${button.event}__${name}`, v]));

describe('card forms with bad values (fast-check)', () => {
  it('refuses every bad value with a Chinese toast naming a bad field, and the case does not move', async () => {
    await fc.assert(
      fc.asyncProperty(formPlan, async (plan: FormPlan) => {
        const { button } = plan;
        const caseId = caseFor.get(button.state)!;
        const before = await ch.campaign.db.prisma.case.findUniqueOrThrow({ where: { id: caseId } });
        const audits = await ch.campaign.db.prisma.auditEvent.count({ where: { caseId } });
        const errors = ch.crashes.length;
        const values = { ...button.good, ...plan.bad };
        const formValue = plan.shape === 'missing' ? undefined : { ...formValueOf(button, values), ...(plan.extra ?? {}) };
        const answer = await click(caseId, button, formValue);

        expect(answer.status).toBe(200);
        expect(['error', 'warning'], JSON.stringify(answer.body)).toContain(answer.body.toast?.type);
        const toast = answer.body.toast?.content ?? '';
        expect(toast).toMatch(chinese);
        expect(toast, 'the handler crashed').not.toBe(failedCardToast.toast?.content);
        const named = plan.shape === 'missing' ? button.fields.filter((f) => f.required).map((f) => f.name) : Object.keys(plan.bad);
        expect(
          named.some((f) => toast.includes(`「${labelOf(button.event, f)}」`)),
          `the toast names none of ${named.join(', ')}: ${toast}`,
        ).toBe(true);
        expect(ch.crashes.slice(errors)).toEqual([]);
        const after = await ch.campaign.db.prisma.case.findUniqueOrThrow({ where: { id: caseId } });
        expect({ state: after.state, version: after.version, snapshot: after.snapshot }).toEqual({
          state: before.state,
          version: before.version,
          snapshot: before.snapshot,
        });
        expect(await ch.campaign.db.prisma.auditEvent.count({ where: { caseId } })).toBe(audits);
      }),
      runs(120),
    );
  }, 120_000);

  it('accepts the same buttons with the good values (the control)', async () => {
    const errors = ch.crashes.length;
    for (const button of buttons) {
      const caseId = controlFor.get(button)!;
      const before = await ch.campaign.db.prisma.case.findUniqueOrThrow({ where: { id: caseId } });
      const answer = await click(caseId, button, formValueOf(button, button.good));
      expect(answer.body.toast, `${button.event}: ${JSON.stringify(answer.body)}`).toMatchObject({ type: 'success' });
      const after = await ch.campaign.db.prisma.case.findUniqueOrThrow({ where: { id: caseId } });
      expect(after.version, button.event).toBe(before.version + 1);
    }
    expect(ch.crashes.slice(errors)).toEqual([]);
  }, 60_000);

  // Found by this property: a typed person id (nobody's, or somebody's) reached the engine as the
  // household's officer. personFieldsToIds now keeps only open_ids on the roster.
  it('refuses a person id that is nobody without crashing the handler', async () => {
    const button = buttons.find((b) => b.event === 'REASSIGN')!;
    const caseId = caseFor.get(button.state)!;
    const errors = ch.crashes.length;
    const answer = await click(caseId, button, formValueOf(button, { ...button.good, officer: '9999' }));
    expect(answer.body.toast?.content).not.toBe(failedCardToast.toast?.content);
    expect(ch.crashes.slice(errors)).toEqual([]);
  });
});
