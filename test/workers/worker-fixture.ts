// Inside workerd: a small campaign seeded straight into D1 through the same Prisma client the
// Worker uses (麒麟区 with an officer, a county supervisor and an inspection group; households with
// open cases of the bundled flow), the Worker's env pointed at the simulator, and helpers to talk
// to the simulator's control API on Node (lark-simulator-setup.ts).
import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test';
import { inject } from 'vitest';
import flowHuhuqing from '../../flows/huhuqing.json';
import { buildEngineDeps } from '../../src/app/cases/build-engine-deps.ts';
import type { EngineDeps } from '../../src/app/cases/engine-deps.ts';
import { openCase } from '../../src/app/cases/open-case.ts';
import { publishFlowTexts } from '../../src/app/flows/publish-flow-texts.ts';
import { createD1Prisma } from '../../src/db/create-d1-prisma.ts';
import type { Db } from '../../src/db/create-prisma.ts';
import worker, { type WorkerEnv } from '../../src/runtime/worker.ts';
import type { SimEvent, PostOptions } from '../../src/sandbox/simulator/post-to-bot.ts';

export const lark = () => inject('larkControl');

/** The Worker's env: the D1 binding and wrangler.toml's vars, with the simulator as Lark. */
export function workerEnv(extra: Record<string, string> = {}): WorkerEnv {
  const c = lark();
  return {
    ...env,
    LARK_APP_ID: c.appId,
    LARK_APP_SECRET: c.appSecret,
    LARK_ENCRYPT_KEY: c.encryptKey,
    LARK_VERIFICATION_TOKEN: c.verificationToken,
    LARK_DOMAIN: c.simulatorUrl,
    LOG_LEVEL: 'warn',
    ...extra,
  };
}

export const db = (): Db => createD1Prisma(env.DB);

async function control<T>(path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${lark().url}${path}`, body === undefined ? {} : { method: 'POST', body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`control ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

export interface SimMessage {
  messageId: string;
  msgType: string;
  content: string;
  sender: { type: string; id: string };
}
export const messagesIn = (chatOrOpenId: string) => control<SimMessage[]>(`/messages/${encodeURIComponent(chatOrOpenId)}`);
export const addUsers = (users: { openId: string; name: string }[]) => control('/users', users);
export const addChats = (chats: { chatId: string; name: string; members: string[] }[]) => control('/chats', chats);

/** POSTs an event to the Worker's /lark/events as Lark would, and waits for its waitUntil work. */
export async function postToWorker(
  event: SimEvent,
  options: PostOptions = {},
  extraEnv: Record<string, string> = {},
): Promise<{ status: number; body: unknown; eventId: string; storedBeforeAck: number }> {
  const prepared = await control<{ eventId: string; raw: string; headers: Record<string, string> }>('/prepare', { event, options });
  const ctx = createExecutionContext();
  const res = await worker.fetch(
    new Request('https://huhuqing.example.workers.dev/lark/events', { method: 'POST', headers: prepared.headers, body: prepared.raw }),
    workerEnv(extraEnv),
    ctx,
  );
  const text = await res.text();
  // Before the deferred work has run: the event must already be stored.
  const storedBeforeAck = await db().inboundEvent.count();
  await waitOnExecutionContext(ctx);
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON
  }
  return { status: res.status, body, eventId: prepared.eventId, storedBeforeAck };
}

export interface WorkerCampaign {
  tag: string;
  deps: EngineDeps;
  caseIds: number[];
  archiveNos: string[];
  officer: string;
  supervisor: string;
  inspectionChat: string;
  officerChat: string;
}

/** Seeds a campaign; `tag` keeps ids apart from other tests sharing the database. */
export async function seedCampaign(tag: string, openedAt: Date, households = 2): Promise<WorkerCampaign> {
  const prisma = db();
  const region = async (code: string, name: string, level: string, parent: { id: number; path: string } | null) => {
    const existing = await prisma.region.findUnique({ where: { code } });
    if (existing) return existing;
    const r = await prisma.region.create({ data: { code, name, level, parentId: parent?.id ?? null, path: '' } });
    return prisma.region.update({ where: { id: r.id }, data: { path: `${parent?.path ?? '/'}${r.id}/` } });
  };
  const province = await region('530000', '云南省', 'province', null);
  const city = await region('530300', '曲靖市', 'city', province);
  const county = await region('530302', '麒麟区', 'county', city);
  const officer = `ou_${tag}_officer`;
  const supervisor = `ou_${tag}_county`;
  const o = await prisma.person.create({ data: { name: '王芳', role: 'officer', openId: officer, regionId: county.id, mobile: null } });
  await prisma.person.create({ data: { name: '赵督', role: 'supervisor', openId: supervisor, regionId: county.id } });
  const inspectionChat = `oc_${tag}_inspection`;
  const officerChat = `oc_${tag}_work`;
  await prisma.chat.create({ data: { chatId: inspectionChat, name: '麒麟区督查组', purpose: 'inspection_group', regionId: county.id } });
  await addUsers([
    { openId: officer, name: '王芳' },
    { openId: supervisor, name: '赵督' },
  ]);
  await addChats([
    { chatId: inspectionChat, name: '麒麟区督查组', members: [supervisor] },
    { chatId: officerChat, name: '麒麟区工作群', members: [officer, supervisor] },
  ]);
  await publishFlowTexts(prisma, [{ source: 'flows/huhuqing.json', text: JSON.stringify(flowHuhuqing) }], openedAt);
  const deps = await buildEngineDeps(prisma, 'Asia/Shanghai', { start: '21:00', end: '08:00' });
  const caseIds: number[] = [];
  const archiveNos: string[] = [];
  for (let i = 1; i <= households; i++) {
    const archiveNo = `${tag.toUpperCase()}-${String(i).padStart(3, '0')}`;
    const h = await prisma.household.create({
      data: {
        archiveNo,
        archiveLevel: '区县级',
        regionId: county.id,
        headName: `杨${i}华`,
        idNumber: '530302198001010011',
        persons: 3,
        causes: '因病',
        causeMask: 1,
        officerId: o.id,
        deadline: '2026-06-30',
        filedOn: openedAt.toISOString().slice(0, 10),
        rowHash: archiveNo,
      },
    });
    const r = await openCase(deps, {
      householdId: h.id,
      campaign: '2025户户清',
      flowId: 'huhuqing',
      actor: 'test',
      source: 'admin',
      now: openedAt,
    });
    caseIds.push(r.caseId);
    archiveNos.push(archiveNo);
  }
  return { tag, deps, caseIds, archiveNos, officer, supervisor, inspectionChat, officerChat };
}
