// Recognises SQLite's "cannot write now" failures (busy, locked, disk full, I/O error, read-only)
// however they arrive, and says in Chinese what happened and what to do. The edges (CLI, the Lark
// callback route, the scheduler and outbox loops, the HTTP error handler) use it instead of showing
// Prisma's multi-line "Invalid `tx.case.update()` invocation … Operation has timed out".
//
// Shapes found by experiment (Prisma 6.19, @prisma/adapter-better-sqlite3, better-sqlite3 11):
// - busy through Prisma: PrismaClientKnownRequestError code P1008 (P2010 for raw queries),
//   meta.driverAdapterError.cause = { originalCode: 'SQLITE_BUSY', kind: 'SocketTimeout' };
// - disk full through Prisma: PrismaClientKnownRequestError with code 'SQLITE_FULL' itself;
// - better-sqlite3 directly (the import's batch store, the migrator): SqliteError, code 'SQLITE_BUSY',
//   'SQLITE_IOERR_WRITE' (a write past RLIMIT_FSIZE: EFBIG), 'SQLITE_FULL' (ENOSPC) …;
// - D1 and wrapped errors: only the message may carry the code or SQLite's own text.

export type DbFaultKind = 'busy' | 'locked' | 'full' | 'io' | 'readonly';

export interface DbFault {
  kind: DbFaultKind;
  /** SQLite's (extended) result code, e.g. SQLITE_BUSY, SQLITE_IOERR_WRITE. */
  code: string;
  /** What happened, one clause. */
  summary: string;
  /** What to do about it. */
  advice: string;
  /** summary + advice: for the operator (CLI, logs). */
  message: string;
  /** Busy and locked pass by themselves: trying again later may work without anyone acting. */
  temporary: boolean;
}

const texts: Record<DbFaultKind, { summary: string; advice: string }> = {
  busy: {
    summary: '数据库正忙：另一个进程（服务器、定时任务或另一条 huhuqing 命令）正在写入，等待超时仍未释放',
    advice: '请稍后重试；如果一直如此，检查是否有卡住的 huhuqing 进程或其他程序长时间占用数据库文件',
  },
  locked: {
    summary: '数据库表被锁定：同一连接上的另一项操作尚未结束',
    advice: '请稍后重试；如果一直如此，请重启服务',
  },
  full: {
    summary: '磁盘已满：数据库无法写入',
    advice: '请清理数据库所在磁盘的空间（或扩容）后重试',
  },
  io: {
    summary: '数据库写入失败（磁盘 I/O 错误）',
    advice: '请检查数据库所在磁盘的剩余空间、进程的文件大小限制（ulimit -f）和磁盘状态后重试',
  },
  readonly: {
    summary: '数据库是只读的，无法写入',
    advice: '请检查数据库文件及其所在目录的写权限，以及磁盘是否以只读方式挂载',
  },
};

/** SQLite's own wording, for errors that carry no code (D1, some wrappers). */
const byText: [string, string][] = [
  ['database table is locked', 'SQLITE_LOCKED'],
  ['database is locked', 'SQLITE_BUSY'],
  ['database or disk is full', 'SQLITE_FULL'],
  ['disk I/O error', 'SQLITE_IOERR'],
  ['attempt to write a readonly database', 'SQLITE_READONLY'],
];

/** The fault, or undefined when the error is not one of these (a bug, a constraint, bad input …). */
export function describeDbError(error: unknown): DbFault | undefined {
  const code = sqliteCodeOf(error, 0);
  const kind = code ? kindOf(code) : undefined;
  if (!code || !kind) return undefined;
  const { summary, advice } = texts[kind];
  return { kind, code, summary, advice, message: `${summary}。${advice}`, temporary: kind === 'busy' || kind === 'locked' };
}

function kindOf(code: string): DbFaultKind | undefined {
  const primary = /^SQLITE_[A-Z]+/.exec(code)?.[0];
  switch (primary) {
    case 'SQLITE_BUSY':
      return 'busy';
    case 'SQLITE_LOCKED':
      return 'locked';
    case 'SQLITE_FULL':
      return 'full';
    case 'SQLITE_IOERR':
      return 'io';
    case 'SQLITE_READONLY':
      return 'readonly';
    default:
      return undefined;
  }
}

const codePattern = /^SQLITE_[A-Z]+(?:_[A-Z]+)*$/;

function sqliteCodeOf(error: unknown, depth: number): string | undefined {
  if (depth > 5 || typeof error !== 'object' || error === null) return undefined;
  const e = error as {
    code?: unknown;
    originalCode?: unknown;
    meta?: { driverAdapterError?: { cause?: { originalCode?: unknown } } };
    message?: unknown;
    cause?: unknown;
  };
  for (const candidate of [e.code, e.originalCode, e.meta?.driverAdapterError?.cause?.originalCode]) {
    if (typeof candidate === 'string' && codePattern.test(candidate) && kindOf(candidate)) return candidate;
  }
  const message = typeof e.message === 'string' ? e.message : '';
  const named = /\bSQLITE_[A-Z]+(?:_[A-Z]+)*\b/.exec(message)?.[0];
  if (named && kindOf(named)) return named;
  const worded = byText.find(([text]) => message.includes(text))?.[1];
  return worded ?? sqliteCodeOf(e.cause, depth + 1);
}
