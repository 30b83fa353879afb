// 18-digit resident ID numbers (GB 11643): region code, birth date, sequence, check digit.
const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const checkChars = '10X98765432';

/** The check character for the first 17 digits of an ID number. */
export function idCheckDigit(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new Error(`not 17 digits: ${first17}`);
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * (weights[i] as number);
  return checkChars[sum % 11] as string;
}

/**
 * @param regionCode six-digit GB/T 2260 code of the county
 * @param birth YYYYMMDD
 * @param sequence 0–999; odd for men, even for women, as the standard says
 */
export function makeIdNumber(regionCode: string, birth: string, sequence: number): string {
  const first17 = regionCode + birth + String(sequence).padStart(3, '0');
  return first17 + idCheckDigit(first17);
}
