// Exit codes for a database that cannot be written (sysexits.h), so a script can tell "try again
// later" from "someone must act": 75 (EX_TEMPFAIL) busy or locked, 74 (EX_IOERR) disk full, I/O
// error, read-only.
import type { DbFault } from '../db/describe-db-error.ts';

export const exitBusy = 75;
export const exitUnwritable = 74;

export function exitCodeForDbFault(fault: DbFault): number {
  return fault.temporary ? exitBusy : exitUnwritable;
}
