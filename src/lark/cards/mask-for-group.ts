// The privacy rules of every card in one place (domain.md, PIPL): names masked (杨*华) in every
// chat unless the caller is explicitly allowed the full name in a direct chat, ID numbers cut to the
// last 4 characters, causes that reveal health never in a group chat. Phones are never on a card.
import { maskIdNumber, maskName } from '../../core/privacy/mask.ts';
import { revealsHealth } from '../../core/privacy/reveals-health.ts';
import type { Audience } from './card-views.ts';

export interface MaskableView {
  headName: string;
  idNumber?: string;
  causes?: readonly string[];
}

export { revealsHealth };

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
