// The one error type of the domain: a snake_case code, a message that says what to fix,
// and optional details. HTTP statuses are chosen at the edge (src/http).
export type AppErrorCode =
  | 'config_invalid'
  | 'database_unavailable'
  | 'migration_failed'
  | 'file_unreadable'
  | 'file_format'
  | 'import_rejected'
  | 'not_found'
  | 'forbidden'
  | 'invalid_argument'
  | 'case_conflict'
  | 'flow_invalid'
  | 'lark_signature_invalid';

export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly details: readonly string[];

  constructor(code: AppErrorCode, message: string, details: readonly string[] = []) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
