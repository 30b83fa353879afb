// AppError codes → HTTP statuses: the only place that knows about both.
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { AppErrorCode } from '../core/app-error.ts';

const statuses: Partial<Record<AppErrorCode, ContentfulStatusCode>> = {
  invalid_argument: 400,
  file_format: 400,
  import_rejected: 422,
  flow_invalid: 422,
  lark_signature_invalid: 401,
  forbidden: 403,
  not_found: 404,
  case_conflict: 409,
  database_unavailable: 503,
};

export function statusForError(code: AppErrorCode): ContentfulStatusCode {
  return statuses[code] ?? 500;
}
