// Use-case: create an API token. The token is returned once and only its SHA-256 is stored.
// A supervisor's token is scoped to a region (and everything inside it), an officer's to a roster
// person (their own households); an admin's sees everything. The creation is audited, never the secret.
import { AppError } from '../../core/app-error.ts';
import type { Db } from '../../db/create-prisma.ts';
import { findPerson } from '../people/find-person.ts';
import { findRegion } from '../regions/find-region.ts';
import { parseApiTokenRole, roleLabels, type ApiTokenRole } from './api-token-roles.ts';
import { generateApiToken, hashApiToken, type RandomBytes } from './token-secret.ts';
import { inTransaction } from '../../db/in-transaction.ts';

export interface CreateApiTokenInput {
  role: string;
  /** Region name or division code; required for a supervisor. */
  region?: string | undefined;
  /** Roster name, mobile, email or open_id; required for an officer. */
  person?: string | undefined;
  name?: string | undefined;
  actor: string;
  now: Date;
  randomBytes?: RandomBytes;
}

export interface CreatedApiToken {
  id: number;
  name: string;
  role: ApiTokenRole;
  regionName: string | null;
  personName: string | null;
  /** The secret: shown once, never stored. */
  token: string;
}

export async function createApiToken(db: Db, input: CreateApiTokenInput): Promise<CreatedApiToken> {
  const role = parseApiTokenRole(input.role);
  const regionText = nonEmpty(input.region);
  const personText = nonEmpty(input.person);
  if (role === 'supervisor' && regionText === null) {
    throw new AppError('invalid_argument', '督查员令牌须限定地区：请加上 --region <地区名称或区划代码>，例如 --region 麒麟区');
  }
  if (role === 'officer' && personText === null) {
    throw new AppError('invalid_argument', '责任人令牌须指定本人：请加上 --person <姓名、手机号或 open_id>，令牌只能看到此人负责的家庭');
  }
  if (role !== 'supervisor' && regionText !== null) {
    throw new AppError(
      'invalid_argument',
      role === 'admin'
        ? '管理员令牌不限地区：请去掉 --region（要限定地区请用 --role supervisor）'
        : '责任人令牌按本人负责的家庭限定范围，不按地区：请去掉 --region',
    );
  }
  const region = regionText === null ? null : await findRegion(db, regionText);
  const person = personText === null ? null : await findPerson(db, personText);
  if (person && !person.active) throw new AppError('invalid_argument', `「${person.name}」在名册中已停用：不能为其创建令牌`);

  const name = nonEmpty(input.name) ?? `${roleLabels[role]}：${region?.name ?? person?.name ?? '全部地区'}`;
  const token = generateApiToken(input.randomBytes);
  const tokenHash = await hashApiToken(token);
  const row = await inTransaction(db, async (tx) => {
    const created = await tx.apiToken.create({
      data: {
        name,
        tokenHash,
        role,
        regionId: region?.id ?? null,
        personId: person?.id ?? null,
        createdAt: input.now,
        createdBy: input.actor,
      },
    });
    await tx.auditEvent.create({
      data: {
        at: input.now,
        actor: input.actor,
        source: 'cli',
        action: 'api_token.created',
        after: { tokenId: created.id, name, role, regionId: created.regionId, personId: created.personId },
      },
    });
    return created;
  });
  return { id: row.id, name, role, regionName: region?.name ?? null, personName: person?.name ?? null, token };
}

function nonEmpty(value: string | undefined): string | null {
  return value === undefined || value.trim() === '' ? null : value.trim();
}
