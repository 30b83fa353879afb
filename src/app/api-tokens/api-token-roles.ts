// The roles an API token can carry and how each is named to people.
import { AppError } from '../../core/app-error.ts';
import type { Viewer } from '../../core/access/viewer.ts';

export type ApiTokenRole = Viewer['role'];

export const apiTokenRoles: readonly ApiTokenRole[] = ['officer', 'supervisor', 'admin'];

export const roleLabels: Record<ApiTokenRole, string> = { officer: '责任人', supervisor: '督查员', admin: '管理员' };

export function parseApiTokenRole(text: string): ApiTokenRole {
  const v = text.trim().toLowerCase();
  const byLabel = apiTokenRoles.find((r) => roleLabels[r] === text.trim());
  if (byLabel) return byLabel;
  if ((apiTokenRoles as readonly string[]).includes(v)) return v as ApiTokenRole;
  throw new AppError('invalid_argument', `--role 的取值「${text}」无效：可选 officer（责任人）、supervisor（督查员）、admin（管理员）`);
}
