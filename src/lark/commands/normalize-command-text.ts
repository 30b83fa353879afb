// Text typed to the bot, made comparable: full-width characters folded (NFKC: "ＱＪ５３" → "QJ53",
// the ideographic space → " "), leftover mention placeholders ("@_user_1") and a leading slash dropped, punctuation
// around words turned into spaces, whitespace collapsed.

// Kept inside words because archive numbers use them: - _ / .
const punctuation = /[,:;!?，：；、。！？"'“”‘’「」『』《》〈〉<>()（）【】[\]{}|~·…]+/g;

export function normalizeCommandText(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/@_user_\d+|@_all/g, ' ')
    .replace(punctuation, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^\/+/, '')
    .trim();
}
