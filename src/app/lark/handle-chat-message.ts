// handle-chat-message: what people type to the bot (@bot in a group, or in a direct chat):
// 帮助, 我的, 进度, 查 <档案编号>, 绑定 督查组|工作群 <地区> (admins only). Replies are outbox rows keyed
// by the message, so a re-pushed message never gets a second answer.
import type { Operator } from '../../core/engine/authorize-operator.ts';
import type { Card } from '../../lark/cards/card-json.ts';
import { renderCaseCard } from '../../lark/cards/render-case-card.ts';
import { renderDigestCards } from '../../lark/cards/render-digest-card.ts';
import { renderBindHelpCard, renderHelpCard } from '../../lark/cards/render-help-card.ts';
import { renderProgressCard } from '../../lark/cards/render-progress-card.ts';
import { parseCommand, type ChatCommand } from '../../lark/commands/parse-command.ts';
import type { LarkBotAddedEvent, LarkMessageEvent } from '../../lark/inbound/lark-inbound-event.ts';
import type { EngineDeps } from '../cases/engine-deps.ts';
import { enqueueMessage } from '../timers/enqueue-message.ts';
import { bindChat } from './bind-chat.ts';
import { findOperator, type KnownOperator } from './find-operator.ts';
import { loadCaseView, stateTitle, toDigestItems } from './load-case-view.ts';
import { inTransaction } from '../../db/in-transaction.ts';

export async function handleChatMessage(deps: EngineDeps, event: LarkMessageEvent, now: Date): Promise<void> {
  if (event.chatType === 'group' && !event.mentionsBot) return; // group chatter not addressed to the bot
  const command = parseCommand(event.text);
  const operator = await findOperator(deps.db, event.senderOpenId);
  const cards = operator
    ? await answer(deps, command, operator, event, now)
    : [renderHelpCard({ hint: '您不在户户清名册中：请联系管理员把您加入名册后再使用' })];
  await inTransaction(deps.db, async (tx) => {
    // Processed again (the server died after this transaction, before the event was marked
    // processed): the message has its answer already, and the audit log says so once.
    const answered = await tx.outboxMessage.findUnique({ where: { idempotencyKey: `reply:${event.messageId}:0` }, select: { id: true } });
    if (answered) return;
    for (const [i, reply] of cards.entries()) {
      const { caseIds, ...card } = reply as Reply;
      await enqueueMessage(
        tx,
        `reply:${event.messageId}:${i}`,
        { kind: 'chat', larkId: event.chatId },
        { type: 'card', card, ...(caseIds ? { caseIds } : {}) },
        now,
      );
    }
    await tx.auditEvent.create({
      data: {
        at: now,
        actor: operator ? `person:${operator.personId}` : 'unknown',
        source: 'chat',
        action: 'chat.command',
        after: { command: command.kind, chatId: event.chatId },
      },
    });
  });
}

export async function handleBotAdded(deps: EngineDeps, event: LarkBotAddedEvent, now: Date): Promise<void> {
  await inTransaction(deps.db, async (tx) => {
    await enqueueMessage(
      tx,
      `welcome:${event.chatId}:${event.eventId}`,
      { kind: 'chat', larkId: event.chatId },
      { type: 'card', card: renderBindHelpCard() },
      now,
    );
  });
}

/** A reply card, and the cases it shows (so it is kept current when they change). */
type Reply = Card & { caseIds?: number[] };

async function answer(deps: EngineDeps, command: ChatCommand, op: KnownOperator, event: LarkMessageEvent, now: Date): Promise<Reply[]> {
  const time = { now, tz: deps.tz, calendar: deps.calendar };
  switch (command.kind) {
    case 'help':
      return [renderHelpCard()];
    case 'unknown':
      return [renderHelpCard({ unknownText: command.text, ...(command.hint ? { hint: command.hint } : {}) })];
    case 'mine': {
      const cases = await deps.db.case.findMany({
        where: {
          status: 'active',
          household: { OR: [{ officerId: op.personId }, { officer: { delegateId: op.personId, onLeave: true } }] },
        },
        // Only what the list shows: the whole rows (snapshots, households) cost ~70 ms per 200 cases.
        select: {
          id: true,
          flowId: true,
          flowVersion: true,
          state: true,
          deadlineAt: true,
          household: { select: { archiveNo: true, headName: true } },
        },
        orderBy: { deadlineAt: 'asc' },
        take: 500,
      });
      if (cases.length === 0) return [renderHelpCard({ hint: '您目前没有在办的户' })];
      const items = await toDigestItems(deps, cases);
      return renderDigestCards(items, { ...time, audience: event.chatType === 'p2p' ? 'private' : 'group' });
    }
    case 'progress': {
      const chat = await deps.db.chat.findUnique({ where: { chatId: event.chatId }, include: { region: true } });
      const region = chat?.region ?? (op.regionPath ? await deps.db.region.findFirst({ where: { path: op.regionPath } }) : null);
      if (!region) return [renderHelpCard({ hint: '本群还没有绑定地区：请管理员发送「绑定 工作群 <地区>」' })];
      const where = { status: 'active', region: { path: { startsWith: region.path } } };
      const byState = await deps.db.case.groupBy({ by: ['state', 'flowId', 'flowVersion'], where, _count: true });
      const overdue = await deps.db.case.groupBy({ by: ['state'], where: { ...where, deadlineAt: { lt: now } }, _count: true });
      const counts = new Map<string, { title: string; count: number; overdue: number }>();
      for (const s of byState) {
        const title = await stateTitle(deps, s.flowId, s.flowVersion, s.state);
        const row = counts.get(title) ?? { title, count: 0, overdue: 0 };
        row.count += s._count;
        row.overdue += overdue.find((o) => o.state === s.state)?._count ?? 0;
        counts.set(title, row);
      }
      const rows = [...counts.values()];
      return [
        renderProgressCard(
          {
            regionName: region.name,
            at: now,
            total: rows.reduce((n, r) => n + r.count, 0),
            overdue: rows.reduce((n, r) => n + r.overdue, 0),
            byState: rows,
          },
          { now, tz: deps.tz },
        ),
      ];
    }
    case 'lookup': {
      const household = await deps.db.household.findUnique({
        where: { archiveNo: command.archiveNo.toUpperCase() },
        include: { region: true, cases: { orderBy: { id: 'desc' }, take: 1 } },
      });
      const c = household?.cases[0];
      if (!household || !c) return [renderHelpCard({ hint: `没有找到档案编号 ${command.archiveNo} 的在办案件` })];
      if (!mayView(op, household.region.path, household.officerId))
        return [renderHelpCard({ hint: `${command.archiveNo} 不在您负责的范围内` })];
      const view = await loadCaseView(deps, c.id);
      return view ? [{ ...renderCaseCard(view, { ...time, audience: 'group' }), caseIds: [c.id] }] : [];
    }
    case 'bind': {
      if (op.role !== 'admin') return [renderHelpCard({ hint: '只有管理员可以绑定群：请联系管理员' })];
      const name = command.region.replace(/^.*?(市|州|盟)(?=.+(区|县|市|旗)$)/, '');
      const regions = await deps.db.region.findMany({ where: { OR: [{ name: command.region }, { name }] } });
      if (regions.length !== 1)
        return [
          renderHelpCard({
            hint:
              regions.length === 0
                ? `没有地区「${command.region}」：请写名册中的地区全称，如 麒麟区`
                : `「${command.region}」有重名：请写上级地区，如 曲靖市麒麟区`,
          }),
        ];
      const region = regions[0]!;
      await bindChat(deps.db, {
        chatId: event.chatId,
        purpose: command.purpose,
        regionId: region.id,
        actor: `person:${op.personId}`,
        source: 'chat',
        now,
      });
      return [renderHelpCard({ hint: `已将本群绑定为${region.name}的${command.purpose === 'inspection_group' ? '督查组' : '工作群'}` })];
    }
  }
}

function mayView(op: Operator, regionPath: string, officerId: number | null): boolean {
  return (
    op.role === 'admin' ||
    (op.role === 'supervisor' && op.regionPath !== '' && regionPath.startsWith(op.regionPath)) ||
    op.personId === officerId
  );
}
