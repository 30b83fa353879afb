// Who may use the console's Operations and Outbox pages: supervisors (inside their region) and
// admins act; officers are refused, and so is a supervisor the roster gives no region.
import type { Viewer } from '../../core/access/viewer.ts';
import { AppError } from '../../core/app-error.ts';

/** A supervisor with a region, or an admin; anyone else is refused with what to do. */
export function requireOperator(viewer: Viewer, what: string): void {
  if (viewer.role === 'officer') throw new AppError('forbidden', `${what}只能由督查员或管理员操作：请联系本地区的督查员`);
  if (viewer.role === 'supervisor' && viewer.regionPath === '')
    throw new AppError('forbidden', `您在名册中没有负责的地区，不能${what}：请联系管理员在名册中填写您的地区`);
}

export function requireAdmin(viewer: Viewer, what: string): void {
  if (viewer.role !== 'admin') throw new AppError('forbidden', `${what}只能由管理员操作`);
}
