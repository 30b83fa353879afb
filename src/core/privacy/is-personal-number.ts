// Resident ID numbers and mobile numbers typed where an archive number belongs: personal data that
// the bot never looks households up by and never repeats (its answer may go to a group chat).

const idNumber = /^\d{17}[\dXx]$/;
const mobile = /^(?:\+?86)?1[3-9]\d{9}$/;

/** True for an 18-character ID number or a mainland mobile number (spaces and dashes ignored). */
export function isPersonalNumber(text: string): boolean {
  const compact = text.replace(/[\s-]+/g, '');
  return idNumber.test(compact) || mobile.test(compact);
}
