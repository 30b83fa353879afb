// Identifiers shaped like Lark's (prefix + hex). Random: tests read them back from the state.
import { randomBytes } from 'node:crypto';

const hex = (bytes: number): string => randomBytes(bytes).toString('hex');

export const newMessageId = (): string => `om_${hex(16)}`;
export const newChatId = (): string => `oc_${hex(16)}`;
export const newOpenId = (): string => `ou_${hex(16)}`;
export const newTenantToken = (): string => `t-g${hex(20)}`;
export const newCardToken = (): string => `c-${hex(20)}`;
export const newEventId = (): string => hex(16);
export const newNonce = (): string => hex(8);
export const newAppId = (): string => `cli_${hex(8)}`;
export const newSecret = (): string => hex(16);
/** A union_id stand-in derived from the open_id, so it is stable for one user. */
export const unionIdOf = (openId: string): string => `on_${openId.replace(/^ou_/, '')}`;
