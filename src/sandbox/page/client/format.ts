// Small formatting helpers of the page script.
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** "10月14日 09:00" in the sandbox's time zone (with the year and seconds when `long`). */
export function formatTime(ms: number, tz: string, long = false): string {
  return new Intl.DateTimeFormat('zh-CN', {
    timeZone: tz,
    ...(long ? { year: 'numeric', weekday: 'short' } : {}),
    month: 'numeric',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(new Date(ms));
}
