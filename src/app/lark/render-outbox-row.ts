// Turns an outbox row into the Lark call at send time: cards are rendered from fresh data (a digest
// queued before night shows the states of the morning), recipients without an open_id yet are
// resolved from their mobile or email, a buzz waits for the message it buzzes.
import type { Client } from '#lark-sdk';
import type { EscalationItem } from '../../lark/cards/card-views.ts';
import { renderDigestCards } from '../../lark/cards/render-digest-card.ts';
import { renderEscalationCards } from '../../lark/cards/render-escalation-card.ts';
import type { EngineDeps } from '../cases/engine-deps.ts';
import { larkUuid, type OutboxRow, type Rendered } from './run-outbox.ts';
import { loadCaseView, stateTitle, toDigestItems } from './load-case-view.ts';
import { renderCaseCard } from '../../lark/cards/render-case-card.ts';
import { renderDailyDigestCard } from '../../lark/cards/render-daily-digest-card.ts';
import type { DailyDigestPayload } from '../digest/fire-daily-digest.ts';
import { loadDailyDigest } from '../digest/load-daily-digest.ts';

type Payload =
  | { type: 'card'; card: object }
  | { type: 'text'; text: string }
  | { type: 'reminder_digest'; personId?: number; items: { caseId: number; forOfficerId?: number | null }[] }
  | { type: 'escalation'; urgent: boolean; items: { caseId: number }[] }
  | { type: 'urgent'; of: string }
  | DailyDigestPayload
  | { type: 'refresh'; outboxId: number; messageId: string };

export function createOutboxRenderer(deps: EngineDeps, lark: Client, now: () => Date) {
  return async (row: OutboxRow): Promise<Rendered> => {
    const payload = row.payload as Payload;
    if (payload.type === 'urgent') return renderUrgent(deps, payload.of);
    if (payload.type === 'refresh') return renderRefresh(deps, payload, now());
    const to = await resolveRecipient(deps, lark, row);
    if ('fail' in to) return to;
    let content: string;
    let msgType: 'interactive' | 'text' = 'interactive';
    if (payload.type === 'card') content = JSON.stringify(payload.card);
    else if (payload.type === 'daily_digest') {
      const view = await loadDailyDigest(deps, payload, now());
      if (!view) return { fail: '群绑定的地区已不存在：请重新绑定' };
      content = JSON.stringify(renderDailyDigestCard(view, { now: now(), tz: deps.tz, calendar: deps.calendar }));
    } else if (payload.type === 'text') {
      msgType = 'text';
      content = JSON.stringify({ text: payload.text });
    } else {
      const cards =
        payload.type === 'reminder_digest'
          ? await digest(
              deps,
              payload.items.map((i) => i.caseId),
              now(),
            )
          : await escalation(
              deps,
              payload.items.map((i) => i.caseId),
              payload.urgent,
              now(),
            );
      if (cards.length === 0) return { fail: '没有可发送的内容（案件已结案或已改派）' };
      content = JSON.stringify(cards[0]);
    }
    return {
      call: { kind: 'send', receiveIdType: to.type, receiveId: to.id, msgType, content, uuid: larkUuid(row.idempotencyKey) },
      target: `${to.type}:${to.id}`,
    };
  };
}

async function resolveRecipient(
  deps: EngineDeps,
  lark: Client,
  row: OutboxRow,
): Promise<{ type: 'chat_id' | 'open_id'; id: string } | { fail: string }> {
  if (row.receiveIdType === 'chat_id' || row.receiveIdType === 'open_id') return { type: row.receiveIdType, id: row.receiveId ?? '' };
  const person = await deps.db.person.findUnique({ where: { id: Number(row.receiveId) } });
  if (!person) return { fail: '接收人已不在名册中' };
  if (person.openId) return { type: 'open_id', id: person.openId };
  // Not matched to a Lark account yet: look the mobile or email up (a contacts API; not counted in the quota).
  const r = await lark.contact.v3.user.batchGetId({
    params: { user_id_type: 'open_id' },
    data: { ...(person.mobile ? { mobiles: [person.mobile] } : {}), ...(person.email ? { emails: [person.email] } : {}) },
  });
  const openId = r.data?.user_list?.find((u) => u.user_id)?.user_id;
  if (!openId) return { fail: `${person.name} 的手机/邮箱在飞书通讯录中找不到：请在名册中补充 open_id，或确认其在应用可用范围内` };
  await deps.db.person.update({ where: { id: person.id }, data: { openId } });
  return { type: 'open_id', id: openId };
}

/** A sent card re-rendered from its original payload with today's data, patched in place. */
async function renderRefresh(deps: EngineDeps, p: { outboxId: number; messageId: string }, now: Date): Promise<Rendered> {
  // What the message shows NOW: a card click may have turned a digest into one case's card.
  const shown = await deps.db.cardMessage.findMany({ where: { larkMessageId: p.messageId } });
  const caseCard = shown.find((m) => m.outboxId === 0);
  const original = caseCard ? null : await deps.db.outboxMessage.findUnique({ where: { id: shown[0]?.outboxId ?? p.outboxId } });
  const payload = (original?.payload ?? { type: 'card', card: {}, caseIds: caseCard ? [caseCard.caseId] : [] }) as Payload & {
    caseIds?: number[];
  };
  let cards: object[] = [];
  if (payload.type === 'reminder_digest')
    cards = await digest(
      deps,
      payload.items.map((i) => i.caseId),
      now,
    );
  else if (payload.type === 'escalation')
    cards = await escalation(
      deps,
      payload.items.map((i) => i.caseId),
      payload.urgent,
      now,
    );
  else if (payload.type === 'card' && payload.caseIds?.length === 1) {
    const view = await loadCaseView(deps, payload.caseIds[0]!);
    if (view) cards = [renderCaseCard(view, { now, tz: deps.tz, calendar: deps.calendar, audience: 'group' })];
  }
  if (cards.length === 0) return { fail: '卡片上的案件都已结案，无需更新' };
  return { call: { kind: 'patch', messageId: p.messageId, content: JSON.stringify(cards[0]) }, target: `msg:${p.messageId}` };
}

async function renderUrgent(deps: EngineDeps, of: string): Promise<Rendered> {
  const sent = await deps.db.outboxMessage.findUnique({ where: { idempotencyKey: of } });
  if (!sent) return { fail: '加急的原消息不存在' };
  if (sent.status === 'failed') return { fail: `加急的原消息发送失败：${sent.lastError ?? ''}` };
  if (sent.status !== 'sent' || !sent.larkMessageId) return { defer: '等待原消息发出后再加急' };
  let userIds: string[] = [];
  if (sent.receiveIdType === 'open_id' && sent.receiveId) userIds = [sent.receiveId];
  else {
    const caseIds = ((sent.payload as { items?: { caseId: number }[] }).items ?? []).map((i) => i.caseId);
    const cases = await deps.db.case.findMany({ where: { id: { in: caseIds } }, include: { household: { include: { officer: true } } } });
    userIds = [...new Set(cases.map((c) => c.household.officer?.openId).filter((x): x is string => Boolean(x)))];
  }
  if (userIds.length === 0) return { fail: '没有可加急的人（无 open_id）' };
  return { call: { kind: 'urgent', messageId: sent.larkMessageId, userIds }, target: null };
}

async function loadCases(deps: EngineDeps, caseIds: number[]) {
  return deps.db.case.findMany({
    where: { id: { in: caseIds }, status: 'active' },
    include: { household: { include: { officer: true, region: true } } },
    orderBy: { deadlineAt: 'asc' },
  });
}

async function digest(deps: EngineDeps, caseIds: number[], now: Date) {
  const items = await toDigestItems(deps, await loadCases(deps, caseIds));
  return items.length === 0 ? [] : renderDigestCards(items, { now, tz: deps.tz, calendar: deps.calendar });
}

async function escalation(deps: EngineDeps, caseIds: number[], urgent: boolean, now: Date) {
  const items: EscalationItem[] = [];
  for (const c of await loadCases(deps, caseIds)) {
    const ack = await deps.db.escalation.findFirst({
      where: { caseId: c.id, entrySeq: c.entrySeq, status: 'acknowledged' },
      orderBy: { rung: 'desc' },
    });
    const by = ack?.acknowledgedBy ? await deps.db.person.findUnique({ where: { id: ack.acknowledgedBy } }) : null;
    items.push({
      ...(ack?.acknowledgedAt ? { acknowledged: { byName: by?.name ?? '督查员', at: ack.acknowledgedAt } } : {}),
      caseId: c.id,
      archiveNo: c.household.archiveNo,
      headName: c.household.headName,
      regionName: c.household.region.name,
      stateTitle: await stateTitle(deps, c.flowId, c.flowVersion, c.state),
      deadlineAt: c.deadlineAt,
      officerName: c.household.officer?.name ?? null,
      officerOpenId: c.household.officer?.openId ?? null,
    });
  }
  return items.length === 0 ? [] : renderEscalationCards(items, { now, tz: deps.tz, calendar: deps.calendar, urgent });
}
