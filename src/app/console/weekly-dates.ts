// Calendar arithmetic on YYYY-MM-DD dates for the trend: weekly dates ending today, day counts.

/** `weeks` dates one week apart, the last one `today`, oldest first. */
export function weeklyDates(today: string, weeks: number): string[] {
  return Array.from({ length: weeks }, (_, i) => addDays(today, -7 * (weeks - 1 - i)));
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
