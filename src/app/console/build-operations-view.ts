// What the Operations page (/ops) offers the signed-in person, all inside their scope: the regions
// they may extend or download a ledger for, the workflow steps, the officers they may reassign
// between, the chats bound in their regions and the chats the bot was added to but nobody bound
// yet, and the latest operations done from the console.
import type { Viewer } from '../../core/access/viewer.ts';
import type { FlowStateTitle } from '../../core/reports/plan-report-rows.ts';
import { purposeLabels, type ChatPurpose } from '../../core/roster/roster-columns.ts';
import type { Db } from '../../db/create-prisma.ts';
import { listFlowStateTitles } from '../../db/list-flow-state-titles.ts';
import { listConsoleRegions, type ConsoleRegion } from './console-regions.ts';
import { listOperations, type OperationListItem } from './operation-records.ts';
import { requireOperator } from './operator-access.ts';

export interface OperationsView {
  regions: ConsoleRegion[];
  states: FlowStateTitle[];
  /** Officers of the viewer's regions (inactive ones too: their households still need a new officer). */
  officers: Array<{ id: number; name: string; regionName: string; households: number; active: boolean }>;
  chats: Array<{ chatId: string; name: string | null; purpose: string; purposeLabel: string; regionName: string }>;
  /** Chats the bot was added to (im.chat.member.bot.added_v1) that are not bound yet. */
  unboundChats: Array<{ chatId: string; name: string | null; addedAt: Date }>;
  purposes: Array<{ id: ChatPurpose; label: string }>;
  recent: OperationListItem[];
  /** Imports are for admins only (product.md). */
  mayImport: boolean;
}

export async function buildOperationsView(db: Db, viewer: Viewer): Promise<OperationsView> {
  requireOperator(viewer, '批量操作');
  const inScope = viewer.role === 'admin' ? {} : { path: { startsWith: viewer.regionPath } };
  const [regions, states, people, chats, added, recent] = await Promise.all([
    listConsoleRegions(db, viewer),
    listFlowStateTitles(db),
    db.person.findMany({
      where: { role: 'officer', ...(viewer.role === 'admin' ? {} : { region: inScope }) },
      include: { region: true, _count: { select: { households: true } } },
      orderBy: [{ regionId: 'asc' }, { name: 'asc' }],
    }),
    db.chat.findMany({
      where: viewer.role === 'admin' ? {} : { region: inScope },
      include: { region: true },
      orderBy: [{ regionId: 'asc' }, { purpose: 'asc' }],
    }),
    db.inboundEvent.findMany({
      where: { eventType: 'im.chat.member.bot.added_v1' },
      orderBy: { receivedAt: 'desc' },
      take: 50,
      select: { body: true, receivedAt: true },
    }),
    listOperations(db, viewer, 15),
  ]);
  const bound = new Set((await db.chat.findMany({ select: { chatId: true } })).map((c) => c.chatId));
  const unboundChats = new Map<string, OperationsView['unboundChats'][number]>();
  for (const e of added) {
    const event = (e.body as { event?: { chat_id?: unknown; name?: unknown } } | null)?.event;
    const chatId = typeof event?.chat_id === 'string' ? event.chat_id : null;
    if (!chatId || bound.has(chatId) || unboundChats.has(chatId)) continue;
    unboundChats.set(chatId, { chatId, name: typeof event?.name === 'string' ? event.name : null, addedAt: e.receivedAt });
  }
  return {
    regions,
    states,
    officers: people.map((p) => ({
      id: p.id,
      name: p.name,
      regionName: p.region?.name ?? '（未指定地区）',
      households: p._count.households,
      active: p.active,
    })),
    chats: chats.map((c) => ({
      chatId: c.chatId,
      name: c.name,
      purpose: c.purpose,
      purposeLabel: purposeLabels[c.purpose as ChatPurpose] ?? c.purpose,
      regionName: c.region?.name ?? '（未指定地区）',
    })),
    unboundChats: [...unboundChats.values()],
    purposes: (Object.keys(purposeLabels) as ChatPurpose[]).map((id) => ({ id, label: purposeLabels[id] })),
    recent,
    mayImport: viewer.role === 'admin',
  };
}
