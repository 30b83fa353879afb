// Numbers as supervisors read them: thousands separators, and a sign on changes (-3,911, +12, 0).
export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

export function formatChange(n: number): string {
  return n > 0 ? `+${formatCount(n)}` : formatCount(n);
}
