// Who may act on a case (product.md, "Who may do what"): the assigned officer or their delegate,
// a supervisor of the household's region or a region above it, an admin. Pure: the caller loads the facts.
import type { CardAction, FlowActor } from '../flows/flow-types.ts';

export interface Operator {
  personId: number;
  role: 'officer' | 'supervisor' | 'admin';
  /** The person's region path ("/1/7/"); "" for none. */
  regionPath: string;
}

export interface CaseFacts {
  regionPath: string;
  officerId: number | null;
  /** The officer's delegate while the officer is on leave. */
  delegateId: number | null;
}

export type Authorization = { ok: true; actor: FlowActor } | { ok: false; reason: string };

export function authorizeOperator(op: Operator, facts: CaseFacts, action: CardAction | undefined): Authorization {
  const isAssignedOfficer = facts.officerId !== null && op.personId === facts.officerId;
  const isDelegate = facts.delegateId !== null && op.personId === facts.delegateId;
  const inRegion = op.regionPath !== '' && facts.regionPath.startsWith(op.regionPath);
  const inScope =
    op.role === 'admin' || (op.role === 'supervisor' && inRegion) || (op.role === 'officer' && (isAssignedOfficer || isDelegate));
  if (!inScope) {
    return {
      ok: false,
      reason:
        op.role === 'officer'
          ? '这户不是您负责的（也不是您代理的）：只有本户责任人、其代理人或本地区督查员可以操作'
          : '这户不在您负责的地区：只有本地区或上级地区的督查员可以操作',
    };
  }
  if (action?.who && !action.who.includes(op.role)) {
    const names = { officer: '责任人', supervisor: '督查员', admin: '管理员' } as const;
    return { ok: false, reason: `「${action.label}」只能由${action.who.map((w) => names[w]).join('或')}操作` };
  }
  return { ok: true, actor: { personId: String(op.personId), role: op.role, regionPath: op.regionPath, isAssignedOfficer, isDelegate } };
}
