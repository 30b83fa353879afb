// Drives a running sandbox server through the /sandbox page's JSON API, as the page script does:
// the state of the world for a person, typed messages and card clicks (signed, encrypted, posted to
// /lark/events by the simulator), time travel; and waits until the bot has answered everything.
import type { Db } from '../../src/db/create-prisma.ts';

export interface PageMessage {
  messageId: string;
  fromBot: boolean;
  kind: string;
  html: string;
}
export interface PageChat {
  chatId: string;
  name: string;
  kind: 'group' | 'p2p';
  messages: number;
}
export interface PageState {
  now: number;
  people: { openId: string; name: string; role: string; region: string }[];
  chats: PageChat[];
  conversation: { chatId: string; total: number; messages: PageMessage[] } | null;
}
export interface ActAnswer {
  status: number;
  code?: number;
  toast?: { type: string; content: string };
}
export interface CardButton {
  action: string;
  value: Record<string, unknown>;
  name?: string;
  text: string;
}

export function sandboxPageDriver(baseUrl: string, db: Db) {
  const post = async <T = Record<string, unknown>>(path: string, body: unknown): Promise<T> => {
    const res = await fetch(`${baseUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const json = (await res.json()) as T;
    if (!res.ok) throw new Error(`${path}: ${res.status} ${JSON.stringify(json)}`);
    return json;
  };
  const state = async (as = '', chat = '', limit = 500): Promise<PageState> =>
    (await (await fetch(`${baseUrl}/sandbox/api/state?${new URLSearchParams({ as, chat, limit: String(limit) })}`)).json()) as PageState;

  /** Until every received event is processed and every due outbox row is sent (or failed). */
  const settle = async (ms = 20_000) => {
    const until = Date.now() + ms;
    for (;;) {
      const now = new Date((await state()).now);
      const inbound = await db.inboundEvent.count({ where: { status: { in: ['received', 'processing'] } } });
      const outbox = await db.outboxMessage.count({ where: { status: { in: ['pending', 'sending'] }, nextAttemptAt: { lte: now } } });
      if (inbound === 0 && outbox === 0) return;
      if (Date.now() > until) throw new Error(`the bot did not settle: ${inbound} events, ${outbox} messages pending`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };

  return {
    state,
    settle,
    say: (as: string, chatId: string, text: string) => post<ActAnswer>('/sandbox/api/act', { kind: 'text', as, chatId, text }),
    click: (as: string, messageId: string, button: CardButton, formValue?: Record<string, string | string[]>) =>
      post<ActAnswer>('/sandbox/api/act', {
        kind: 'click',
        as,
        messageId,
        value: button.value,
        tag: 'button',
        ...(button.name ? { name: button.name } : {}),
        ...(formValue ? { formValue } : {}),
      }),
    travel: (body: { by: number } | { to: string } | { next: true }) => post('/sandbox/api/clock', body),
    /** The bot's messages in a chat as this person sees them, oldest first. */
    botMessages: async (as: string, chatId: string) => ((await state(as, chatId)).conversation?.messages ?? []).filter((m) => m.fromBot),
  };
}

const entities: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };
const unescape = (text: string) => text.replace(/&(?:amp|lt|gt|quot|#39);/g, (e) => entities[e] ?? e);

/** The buttons of a rendered card, with the callback value the page would send (data-value). */
export function buttonsOf(html: string): CardButton[] {
  const buttons: CardButton[] = [];
  for (const m of html.matchAll(/<button [^>]*?data-action="([^"]+)"[^>]*?data-value="([^"]*)"([^>]*)>([^<]*)<\/button>/g)) {
    const name = /data-name="([^"]*)"/.exec(m[3] ?? '')?.[1];
    buttons.push({
      action: m[1] ?? '',
      value: JSON.parse(unescape(m[2] ?? '{}')) as Record<string, unknown>,
      ...(name ? { name: unescape(name) } : {}),
      text: unescape(m[4] ?? ''),
    });
  }
  return buttons;
}
