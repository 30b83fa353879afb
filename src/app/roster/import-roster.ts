// import-roster: people (officers, supervisors, admins) and chats from a roster file. People are
// matched by open_id, mobile or email, so re-importing updates them; chats by their chat_id.
// All good rows are written in one transaction; bad rows are reported with their row number.
import { AppError } from '../../core/app-error.ts';
import { mapRosterHeaders, rosterFieldLabel, type RosterField } from '../../core/roster/roster-columns.ts';
import { validateRosterRow, type ChatInput, type PersonInput } from '../../core/roster/validate-roster-row.ts';
import type { Db } from '../../db/create-prisma.ts';
import type { TableSource } from '../../files/table-rows.ts';
import type { RejectedRow } from '../../core/households/import-report.ts';
import { nationalDivisions } from '../regions/national-divisions.ts';
import { RegionResolver } from '../regions/region-resolver.ts';
import { inTransaction } from '../../db/in-transaction.ts';

export interface RosterReport {
  dryRun: boolean;
  people: { created: number; updated: number; unchanged: number };
  chats: { created: number; updated: number; unchanged: number };
  rejected: number;
  rejects: RejectedRow[];
  warnings: string[];
}

interface PersonRow {
  id?: number;
  name: string;
  role: string;
  mobile: string | null;
  email: string | null;
  openId: string | null;
  regionId: number | null;
}

export async function importRoster(
  db: Db,
  source: TableSource,
  options: { dryRun: boolean; now: Date; actor: string; fileName: string },
): Promise<RosterReport> {
  const report: RosterReport = {
    dryRun: options.dryRun,
    people: { created: 0, updated: 0, unchanged: 0 },
    chats: { created: 0, updated: 0, unchanged: 0 },
    rejected: 0,
    rejects: [],
    warnings: [],
  };
  const regions = new RegionResolver(db, nationalDivisions(), options.dryRun);
  const reject = (rowNumber: number, values: unknown[], reasons: string[]) => {
    report.rejected++;
    report.rejects.push({ rowNumber, values, reasons });
  };
  let fields: (RosterField | null)[] | undefined;
  const people: { rowNumber: number; values: unknown[]; input: PersonInput; regionId: number | null }[] = [];
  const chats: { rowNumber: number; values: unknown[]; input: ChatInput; regionId: number }[] = [];
  const seenKeys = new Map<string, number>();

  for await (const { rowNumber, values } of source.rows()) {
    if (values.every((v) => v === null || v === undefined || String(v).trim() === '')) continue;
    if (!fields) {
      const mapped = mapRosterHeaders(values);
      if (mapped.missing.length > 0) {
        throw new AppError(
          'file_format',
          `名册表头（第 1 行）缺少列：${mapped.missing.map(rosterFieldLabel).join('、')}。人员行需要 姓名、角色 以及 手机/邮箱/open_id 之一；群聊行需要 群ID、群用途`,
        );
      }
      if (mapped.unknown.length > 0) report.warnings.push(`已忽略无法识别的列：${mapped.unknown.join('、')}`);
      fields = mapped.fields;
      continue;
    }
    const cells: Partial<Record<RosterField, unknown>> = {};
    fields.forEach((f, i) => f && (cells[f] = values[i]));
    const row = validateRosterRow(cells);
    if (!row.ok) {
      reject(rowNumber, values, row.errors);
      continue;
    }
    const keys = row.kind === 'chat' ? [`chat:${row.value.chatId}`] : personKeys(row.value);
    const dup = keys.map((k) => seenKeys.get(k)).find((n) => n !== undefined);
    if (dup !== undefined) {
      reject(rowNumber, values, [`与第 ${dup} 行是同一${row.kind === 'chat' ? '群' : '人'}（群ID/手机/邮箱/open_id 相同）：请合并为一行`]);
      continue;
    }
    keys.forEach((k) => seenKeys.set(k, rowNumber));
    const { province, city, county } = row.value.scope;
    const region = province === '' ? null : await regions.resolve(province, city, county);
    if (region && !region.ok) {
      reject(rowNumber, values, [region.reason]);
      continue;
    }
    if (row.kind === 'chat') chats.push({ rowNumber, values, input: row.value, regionId: region ? region.regionId : 0 });
    else people.push({ rowNumber, values, input: row.value, regionId: region ? region.regionId : null });
  }
  if (!fields)
    throw new AppError(
      'file_format',
      '名册文件是空的：第 1 行应为表头（姓名、角色、手机、邮箱、open_id、省、市、县区、群ID、群名称、群用途）',
    );

  const existing: PersonRow[] = await db.person.findMany({
    select: { id: true, name: true, role: true, mobile: true, email: true, openId: true, regionId: true },
  });
  const personWrites: PersonRow[] = [];
  for (const p of people) {
    const matches = new Set(
      existing.filter(
        (e) =>
          (p.input.openId && e.openId === p.input.openId) ||
          (p.input.mobile && e.mobile === p.input.mobile) ||
          (p.input.email && e.email === p.input.email),
      ),
    );
    if (matches.size > 1) {
      reject(p.rowNumber, p.values, ['手机、邮箱、open_id 分别对应名册中的不同人员：请核对后修改']);
      continue;
    }
    const before = [...matches][0];
    const after: PersonRow = {
      id: before?.id,
      name: p.input.name,
      role: p.input.role,
      mobile: p.input.mobile ?? before?.mobile ?? null,
      email: p.input.email ?? before?.email ?? null,
      openId: p.input.openId ?? before?.openId ?? null,
      regionId: p.regionId,
    };
    if (!before) report.people.created++;
    else if (samePerson(before, after)) {
      report.people.unchanged++;
      continue;
    } else report.people.updated++;
    personWrites.push(after);
  }
  const chatsOnFile = new Map((await db.chat.findMany()).map((c) => [c.chatId, c]));
  const chatWrites = chats.filter((c) => {
    const before = chatsOnFile.get(c.input.chatId);
    if (!before) report.chats.created++;
    else if (
      before.purpose === c.input.purpose &&
      before.regionId === c.regionId &&
      (c.input.name === null || before.name === c.input.name)
    ) {
      report.chats.unchanged++;
      return false;
    } else report.chats.updated++;
    return true;
  });
  if (options.dryRun) return report;

  await inTransaction(db, async (tx) => {
    for (const p of personWrites) {
      const data = {
        name: p.name,
        role: p.role,
        mobile: p.mobile,
        email: p.email,
        openId: p.openId,
        regionId: p.regionId,
        updatedAt: options.now,
      };
      const saved =
        p.id === undefined
          ? await tx.person.create({ data: { ...data, createdAt: options.now } })
          : await tx.person.update({ where: { id: p.id }, data });
      await tx.auditEvent.create({
        data: {
          at: options.now,
          actor: options.actor,
          source: 'import',
          action: p.id === undefined ? 'person.created' : 'person.updated',
          after: { personId: saved.id, role: p.role, regionId: p.regionId },
        },
      });
    }
    for (const c of chatWrites) {
      const data = { name: c.input.name, purpose: c.input.purpose, regionId: c.regionId, updatedAt: options.now };
      await tx.chat.upsert({
        where: { chatId: c.input.chatId },
        create: { chatId: c.input.chatId, ...data, createdAt: options.now },
        update: data,
      });
      await tx.auditEvent.create({
        data: {
          at: options.now,
          actor: options.actor,
          source: 'import',
          action: 'chat.bound',
          after: { chatId: c.input.chatId, purpose: c.input.purpose, regionId: c.regionId },
        },
      });
    }
  });
  return report;
}

function personKeys(p: PersonInput): string[] {
  return [p.openId && `open_id:${p.openId}`, p.mobile && `mobile:${p.mobile}`, p.email && `email:${p.email}`].filter((k): k is string =>
    Boolean(k),
  );
}

function samePerson(a: PersonRow, b: PersonRow): boolean {
  return (
    a.name === b.name &&
    a.role === b.role &&
    a.mobile === b.mobile &&
    a.email === b.email &&
    a.openId === b.openId &&
    a.regionId === b.regionId
  );
}
