// Tells UTF-8 from GB18030/GBK: a UTF-8 BOM, or a first chunk that decodes as strict UTF-8, is UTF-8;
// anything else is what Excel on Chinese Windows writes (GB18030 is a superset of GBK).
export function detectEncoding(head: Uint8Array): { encoding: 'utf8' | 'gb18030'; bom: boolean } {
  if (head.length >= 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf8', bom: true };
  const complete = head.subarray(0, completeUtf8Length(head));
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(complete);
    return { encoding: 'utf8', bom: false };
  } catch {
    return { encoding: 'gb18030', bom: false };
  }
}

/** Length of the prefix that ends on a UTF-8 character boundary (a chunk may cut a character). */
function completeUtf8Length(bytes: Uint8Array): number {
  let i = bytes.length;
  // Walk back over at most 3 continuation bytes to the lead byte of the last character.
  let back = 0;
  while (i > 0 && back < 4 && ((bytes[i - 1] ?? 0) & 0xc0) === 0x80) {
    i--;
    back++;
  }
  if (i === 0) return bytes.length;
  const lead = bytes[i - 1] ?? 0;
  const need = lead >= 0xf0 ? 3 : lead >= 0xe0 ? 2 : lead >= 0xc0 ? 1 : 0;
  return need > back ? i - 1 : bytes.length;
}
