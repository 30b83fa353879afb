// Causes and free text that reveal health (illness, injury, disability) are sensitive personal
// data: never in a group chat, and hidden on the console until someone opens the full record.

// 本人或供养直系亲属大病, 职业病, 工伤, 残疾 and inline options alike.
const healthWords = /病|伤|残|疾|症|癌|医|药|住院/;

export function revealsHealth(text: string): boolean {
  return healthWords.test(text);
}
