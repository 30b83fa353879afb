// Binds a Lark chat to a region and a purpose (工作群, 督查组, 督导群): where reminders, escalations
// and digests for that region go. One audited write (`chat.bound`), shared by the chat command
// (@机器人 绑定 督查组 麒麟区) and the console's Operations page.
import type { ChatPurpose } from '../../core/roster/roster-columns.ts';
import type { Db } from '../../db/create-prisma.ts';
import { inTransaction } from '../../db/in-transaction.ts';

export interface BindChatInput {
  chatId: string;
  purpose: ChatPurpose;
  regionId: number;
  /** The chat's name when known (kept as it is when absent). */
  name?: string | null;
  actor: string;
  /** audit_events.source: 'chat' for the command, 'console' for the console. */
  source: string;
  now: Date;
}

export interface BindChatResult {
  /** The chat.bound audit event. */
  auditId: number;
  /** What the chat was bound to before, if it was. */
  before: { purpose: string; regionId: number | null } | null;
}

export async function bindChat(db: Db, input: BindChatInput): Promise<BindChatResult> {
  // inTransaction: on D1 (no interactive transactions) the statements run one by one.
  return inTransaction(db, async (tx) => {
    const existing = await tx.chat.findUnique({ where: { chatId: input.chatId } });
    const name = input.name?.trim() ? { name: input.name.trim() } : {};
    await tx.chat.upsert({
      where: { chatId: input.chatId },
      create: {
        chatId: input.chatId,
        purpose: input.purpose,
        regionId: input.regionId,
        ...name,
        createdAt: input.now,
        updatedAt: input.now,
      },
      update: { purpose: input.purpose, regionId: input.regionId, ...name, updatedAt: input.now },
    });
    const before = existing ? { purpose: existing.purpose, regionId: existing.regionId } : null;
    const audit = await tx.auditEvent.create({
      data: {
        at: input.now,
        actor: input.actor,
        source: input.source,
        action: 'chat.bound',
        ...(before ? { before } : {}),
        after: { chatId: input.chatId, purpose: input.purpose, regionId: input.regionId },
      },
    });
    return { auditId: audit.id, before };
  });
}
