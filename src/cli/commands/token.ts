// `huhuqing token create|list|revoke`: bearer tokens for the JSON API (/api). The token is printed
// once, on standard output alone (so TOKEN=$(huhuqing token create …) works); the rest goes to stderr.
import { InvalidArgumentError, type Command } from 'commander';
import { roleLabels } from '../../app/api-tokens/api-token-roles.ts';
import { createApiToken } from '../../app/api-tokens/create-api-token.ts';
import { listApiTokens } from '../../app/api-tokens/list-api-tokens.ts';
import { revokeApiToken } from '../../app/api-tokens/revoke-api-token.ts';
import { openDatabase } from '../open-database.ts';

const tokenId = (v: string) => {
  const n = Number(v.trim().replace(/^#/, ''));
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError('令牌编号应为正整数（见 huhuqing token list）');
  return n;
};

export function registerToken(program: Command): void {
  const token = program.command('token').description('JSON API（/api）的访问令牌：创建、列出、吊销');
  token
    .command('create')
    .description('创建访问令牌（只显示一次，数据库只保存其 SHA-256 摘要）')
    .requiredOption('--role <role>', '角色：officer（责任人）| supervisor（督查员）| admin（管理员）')
    .option('--region <name or code>', '督查员令牌的地区（必填），如 麒麟区 或 530302；可看该地区及其下级')
    .option('--person <name|mobile|open_id>', '令牌所属的名册人员（责任人令牌必填），只能看到此人负责的家庭')
    .option('--name <label>', '令牌的名称，便于在 token list 中辨认')
    .action(async (o: { role: string; region?: string; person?: string; name?: string }) => {
      const { db } = await openDatabase();
      try {
        const created = await createApiToken(db, { ...o, actor: 'cli', now: new Date() });
        const scope = created.regionName ?? (created.role === 'officer' ? `${created.personName ?? ''} 负责的家庭` : '全部地区');
        console.error(`已创建令牌 #${created.id}「${created.name}」（${roleLabels[created.role]}，范围：${scope}）。`);
        console.log(created.token);
        console.error('令牌只显示这一次，请立即妥善保存；遗失请吊销后重新创建。用法：Authorization: Bearer <令牌>（见 docs/api.md）');
      } finally {
        await db.$disconnect();
      }
    });
  token
    .command('list')
    .description('列出全部令牌（不含令牌本身）')
    .action(async () => {
      const { config, db } = await openDatabase();
      try {
        const tokens = await listApiTokens(db);
        if (tokens.length === 0) {
          console.log('还没有令牌：用 huhuqing token create --role … 创建');
          return;
        }
        const when = (d: Date) => d.toLocaleString('zh-CN', { timeZone: config.timezone, hour12: false });
        for (const t of tokens) {
          const scope = t.regionName ?? (t.role === 'admin' ? '全部地区' : '—');
          const person = t.personName ? `，人员 ${t.personName}` : '';
          const status = t.revokedAt ? `已吊销（${when(t.revokedAt)}）` : '有效';
          const used = t.lastUsedAt ? `最近使用 ${when(t.lastUsedAt)}` : '从未使用';
          console.log(
            `#${t.id}  ${t.name}  ${roleLabels[t.role]}  地区 ${scope}${person}  ${status}  创建于 ${when(t.createdAt)}（${t.createdBy}）  ${used}`,
          );
        }
      } finally {
        await db.$disconnect();
      }
    });
  token
    .command('revoke')
    .description('吊销令牌：此后用它的请求一律返回 401')
    .argument('<id>', '令牌编号（见 huhuqing token list）', tokenId)
    .action(async (id: number) => {
      const { config, db } = await openDatabase();
      try {
        const r = await revokeApiToken(db, { id, actor: 'cli', now: new Date() });
        const when = r.revokedAt.toLocaleString('zh-CN', { timeZone: config.timezone, hour12: false });
        console.log(
          r.alreadyRevoked ? `令牌 #${r.id}「${r.name}」已于 ${when} 吊销，无需再次吊销。` : `已吊销令牌 #${r.id}「${r.name}」。`,
        );
      } finally {
        await db.$disconnect();
      }
    });
}
