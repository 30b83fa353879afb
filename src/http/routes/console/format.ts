// Numbers and times as the pages show them.
import { DateTime } from 'luxon';

export function count(n: number): string {
  return n.toLocaleString('en-US');
}

export function moment(at: Date, tz: string): string {
  return DateTime.fromJSDate(at).setZone(tz).toFormat('yyyy-MM-dd HH:mm');
}
