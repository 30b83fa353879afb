// The plain view models cards are rendered from. The app layer fills them from the database;
// renderers read nothing else, so what a card can show is exactly what is listed here.
import type { CardAction } from '../../core/flows/flow-types.ts';

/** Who reads the card: a group chat, or a direct chat with one person. */
export type Audience = 'group' | 'private';

/** One household's case in its current state (the case card). */
export interface CaseView {
  caseId: number;
  archiveNo: string;
  /** The full name as on file: renderers mask it (maskForAudience). */
  headName: string;
  /** The full ID number as on file, if the card may show its last 4 characters; never shown whole. */
  idNumber?: string;
  persons?: number;
  /** 致困原因: those revealing health (大病, 职业病 …) are never shown in group chats. */
  causes?: readonly string[];
  regionName: string;
  officerName: string | null;
  officerOpenId?: string | null;
  state: string;
  stateTitle: string;
  deadlineAt: Date | null;
  /** The state's meta.card.actions from the flow (the engine's own version of the flow). */
  actions: readonly CardAction[];
  flowId: string;
  flowVersion: number;
  /** The case's optimistic-lock version: echoed by every button as `v`. */
  version: number;
}

/** One household in an officer's digest of what is due. */
export interface DigestItem {
  caseId: number;
  archiveNo: string;
  headName: string;
  stateTitle: string;
  deadlineAt: Date | null;
}

/** One overdue household on an inspection group's escalation card. */
export interface EscalationItem {
  caseId: number;
  archiveNo: string;
  headName: string;
  regionName?: string;
  stateTitle: string;
  deadlineAt: Date | null;
  officerName: string | null;
  officerOpenId?: string | null;
  /** Set once someone pressed 督办: the row shows who and when instead of the button. */
  acknowledged?: { byName: string; at: Date };
}

/** Who did what when to a case (a result card, an acknowledgement card, a stale-click toast). */
export interface ActivityView {
  caseId: number;
  archiveNo: string;
  headName: string;
  actorName: string;
  at: Date;
  /** The button's label, e.g. 已核实, or 督办. */
  actionLabel: string;
  /** The state the action was taken in, and the one the case moved to (if it moved). */
  fromStateTitle: string;
  toStateTitle?: string;
}

/** Counts of one region's cases (the 进度 command); plain numbers computed by the app layer. */
export interface ProgressView {
  regionName: string;
  at: Date;
  total: number;
  overdue: number;
  byState: readonly { title: string; count: number; overdue?: number }[];
}

/** Households, persons and overdue of one slice of the daily digest, with the change since yesterday. */
export interface DigestFigures {
  households: number;
  persons: number;
  overdue: number;
  /** Today − yesterday; null when there is no snapshot of yesterday (the card shows "—"). */
  householdsChange: number | null;
  overdueChange: number | null;
}

/** The daily digest of one chat's region: plain numbers from the day's snapshot (daily_stats). */
export interface DailyDigestView {
  /** The chat's region (曲靖市), or 全部地区. */
  regionName: string;
  /** The local day of the digest, YYYY-MM-DD. */
  day: string;
  /** When the snapshot was taken. */
  takenAt: Date;
  total: DigestFigures;
  /** In flow order; 未立案 last. */
  byState: readonly (DigestFigures & { title: string })[];
  /** The regions one level below the chat's (the counties of a city), or the county itself. */
  byRegion: readonly (DigestFigures & { name: string; byState: readonly { title: string; households: number }[] })[];
  /** The longest overdue households (names masked by the renderer). */
  topOverdue: readonly EscalationItem[];
}
