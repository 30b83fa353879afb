// Masks personal data (PIPL) before it reaches a group chat, a log line or an error message.

/** 杨小华 → 杨*华, 杨华 → 杨*, 欧阳小华 → 欧**华, John Smith → J*. */
export function maskName(name: string): string {
  const text = name.trim().replace(/\s+/g, ' ');
  const chars = Array.from(text);
  const first = chars[0];
  if (first === undefined) return '';
  if (/^[\p{Script=Latin}\s.'’-]+$/u.test(text)) return `${first}*`;
  if (chars.length === 1) return '*';
  if (chars.length === 2) return `${first}*`;
  return `${first}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1] ?? ''}`;
}

/** Only the last 4 characters stay visible: **************123X. */
export function maskIdNumber(id: string): string {
  const text = id.replace(/\s+/g, '');
  if (text.length <= 4) return '*'.repeat(text.length);
  return `${'*'.repeat(text.length - 4)}${text.slice(-4)}`;
}

/** 13812345678 → 138****5678, 0874-3123456 → 0874-***3456. */
export function maskPhone(phone: string): string {
  const text = phone.replace(/\s+/g, '');
  const landline = /^(0\d{2,3})-(\d+)$/.exec(text);
  if (landline) return `${landline[1] ?? ''}-${maskKeepingLast4(landline[2] ?? '')}`;
  if (text.length >= 11) return `${text.slice(0, 3)}${'*'.repeat(text.length - 7)}${text.slice(-4)}`;
  return maskKeepingLast4(text);
}

/** The last `count` characters, for messages like "身份证号（尾号 123X）…". */
export function tailOf(text: string, count = 4): string {
  return Array.from(text).slice(-count).join('');
}

function maskKeepingLast4(text: string): string {
  if (text.length <= 4) return '*'.repeat(text.length);
  return `${'*'.repeat(text.length - 4)}${text.slice(-4)}`;
}
