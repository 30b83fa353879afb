// The console's 绑定群: a chat bound to a region and purpose on behalf of the signed-in person. A
// supervisor binds only to regions inside their own, and cannot take over a chat already bound to
// a region outside it; an admin binds anything. The write itself is the chat command's (bindChat).
import { canSeeRegion, type Viewer } from '../../core/access/viewer.ts';
import { AppError } from '../../core/app-error.ts';
import { purposeLabels, type ChatPurpose } from '../../core/roster/roster-columns.ts';
import type { Db } from '../../db/create-prisma.ts';
import { viewerRegionName } from '../api/viewer-region.ts';
import { bindChat } from '../lark/bind-chat.ts';
import { requireOperator } from './operator-access.ts';

export interface BindRequest {
  chatId: string;
  name?: string;
  purpose: string;
  /** The region's division code. */
  region: string;
}

const chatIdPattern = /^oc_[0-9A-Za-z_-]{4,64}$/;

export function isChatPurpose(p: string): p is ChatPurpose {
  return Object.hasOwn(purposeLabels, p);
}

export async function bindChatForViewer(db: Db, viewer: Viewer, request: BindRequest, now: Date) {
  requireOperator(viewer, '绑定群');
  const chatId = request.chatId.trim();
  if (!chatIdPattern.test(chatId))
    throw new AppError('invalid_argument', `群 ID「${chatId}」格式不对：群 ID 以 oc_ 开头，可在群设置或机器人入群时的提示中找到`);
  if (!isChatPurpose(request.purpose)) throw new AppError('invalid_argument', '请选择群的用途：工作群、督查组或督导群');
  const region = await db.region.findUnique({ where: { code: request.region.trim() } });
  if (!region) throw new AppError('invalid_argument', `没有区划代码为「${request.region}」的地区：请从列表中选择`);
  const scope = await viewerRegionName(db, viewer);
  if (!canSeeRegion(viewer, region.path))
    throw new AppError('forbidden', `「${region.name}」不在您负责的地区内：您只能把群绑定到${scope}及其下级地区`);
  const existing = await db.chat.findUnique({ where: { chatId }, include: { region: true } });
  if (existing && viewer.role !== 'admin' && !(existing.region && canSeeRegion(viewer, existing.region.path)))
    throw new AppError(
      'forbidden',
      `这个群已绑定为${existing.region?.name ?? '（未指定地区）'}的${purposeLabels[existing.purpose as ChatPurpose] ?? existing.purpose}，不在您负责的地区内：请联系管理员改绑`,
    );
  const r = await bindChat(db, {
    chatId,
    purpose: request.purpose,
    regionId: region.id,
    name: request.name ?? null,
    actor: `person:${viewer.personId}`,
    source: 'console',
    now,
  });
  return { ...r, chatId, purpose: request.purpose, region: { code: region.code, name: region.name } };
}
