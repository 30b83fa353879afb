// The privacy rules of every card in one place (domain.md, PIPL): names masked (杨*华) in every
// chat unless the caller is explicitly allowed the full name in a direct chat, ID numbers cut to the
// last 4 characters, causes that reveal health never in a group chat. Phones are never on a card.
import { maskIdNumber, maskName } from '../../core/privacy/mask.ts';
import type { Audience } from './card-views.ts';

export interface MaskableView {
  headName: string;
  idNumber?: string;
  causes?: readonly string[];
}

// 本人或供养直系亲属大病, 职业病, 工伤, 残疾 and inline options alike.
const healthWords = /病|伤|残|疾|症|癌|医|药|住院/;

export function revealsHealth(cause: string): boolean {
  return healthWords.test(cause);
}

/** What a group chat may see. */
export function maskForGroup<T extends MaskableView>(view: T): T {
  return {
    ...view,
    headName: maskName(view.headName),
    idNumber: view.idNumber === undefined ? undefined : maskIdNumber(view.idNumber),
    causes: view.causes?.filter((c) => !revealsHealth(c)),
  };
}

/** What an audience may see: a direct chat keeps the causes, and the full name only when `revealName`. */
export function maskForAudience<T extends MaskableView>(view: T, audience: Audience, revealName = false): T {
  if (audience === 'group') return maskForGroup(view);
  return {
    ...view,
    headName: revealName ? view.headName : maskName(view.headName),
    idNumber: view.idNumber === undefined ? undefined : maskIdNumber(view.idNumber),
  };
}
