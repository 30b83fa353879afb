// The shapes of /sandbox/api/state as the page script reads them: the server's own view types
// (type-only imports, erased from the browser bundle).
import type { SimulatorPanel as Panel } from '../describe-simulator.ts';
import type { ChatListItem as ChatItem } from '../list-chats.ts';
import type { MessageView } from '../list-messages.ts';

export interface Person {
  openId: string;
  name: string;
  role: 'officer' | 'supervisor' | 'admin' | 'visitor';
  region: string;
}
export type { ChatItem, MessageView, Panel };

export interface SandboxState {
  revision: string;
  now: number;
  offsetMs: number;
  utcOffset: string;
  nextDueAt: number | null;
  people: Person[];
  chats: ChatItem[];
  conversation: { chatId: string; name: string; kind: 'group' | 'p2p'; total: number; messages: MessageView[] } | null;
  panel: Panel;
}
export interface ActResult {
  status: number;
  toast?: { type: string; content: string };
  code?: number;
  chatId?: string;
}
