// Chooses the region a report is scoped to from the regions whose name or code matched what was typed.
import { AppError } from '../app-error.ts';

export interface RegionCandidate {
  id: number;
  code: string;
  name: string;
  path: string;
  parentName: string | null;
}

export function pickReportRegion(typed: string, candidates: readonly RegionCandidate[]): RegionCandidate {
  const byCode = candidates.find((c) => c.code === typed);
  if (byCode) return byCode;
  const [only, ...more] = candidates;
  if (only === undefined) {
    throw new AppError('not_found', `找不到地区「${typed}」：请用地区全称（如 曲靖市、麒麟区）或 6 位区划代码（如 530300）`);
  }
  if (more.length > 0) {
    const list = candidates.map((c) => `${c.code}（${c.parentName ?? ''}${c.name}）`).join('、');
    throw new AppError('invalid_argument', `地区「${typed}」有 ${candidates.length} 个同名：${list}；请改用区划代码`);
  }
  return only;
}
