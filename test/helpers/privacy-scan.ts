// The privacy scanner of the end-to-end suites (issue #8): given the household file (names, ID
// numbers, phones, causes) and every secret the run configured or saw, it finds what must never be
// where it is — a full ID number, a full phone number, an illness or an unmasked head-of-household
// name in a message the bot sent to a group chat; a full ID number or phone in a direct chat (the
// responsible officer may see the name and the causes there, domain.md); any secret, token or key in
// a log line, nor personal data in full there (docs/architecture.md). Its own definitions, not the
// product's masking code, so a bug in the masking cannot hide itself.

export interface HouseholdFacts {
  archiveNo?: string;
  headName: string;
  idNumber: string;
  phone?: string | null;
  /** Canonical causes as stored ("收入低、本人或供养直系亲属大病") or a list. */
  causes?: string | readonly string[];
}

export interface PrivacyFacts {
  households: readonly HouseholdFacts[];
  /**
   * Names of the roster (officers, supervisors, admins) and of chats: shown in full by design. A
   * head-of-household name that is one of them cannot be told apart and is not looked for.
   */
  publicNames?: readonly string[];
  /** Free texts a test typed that reveal someone's health (e.g. a form's notes): never in a group chat. */
  healthTexts?: readonly string[];
  /** Secrets, keys and tokens: never in a log line or a message. */
  secrets?: readonly string[];
}

export type FindingKind = 'id_number' | 'phone' | 'illness' | 'full_name' | 'secret';
export type Channel = 'group' | 'direct' | 'log';

export interface Finding {
  kind: FindingKind;
  channel: Channel;
  /** Where it was found (a chat and message, a log line number). */
  where: string;
  /** What matched, shortened for secrets so a report never repeats a whole secret. */
  match: string;
  /** A few characters around the match. */
  context: string;
}

/** What each channel must not carry. */
const rules: Record<Channel, readonly FindingKind[]> = {
  group: ['id_number', 'phone', 'illness', 'full_name', 'secret'],
  direct: ['id_number', 'phone', 'secret'],
  log: ['id_number', 'phone', 'illness', 'full_name', 'secret'],
};

// 18-digit resident ID numbers (the last may be X), not part of a longer word or number.
const idNumberPattern = /(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])/g;
// Mainland mobiles, also written 138 1234 5678 or 138-1234-5678.
const mobilePattern = /(?<![0-9A-Za-z])1[3-9]\d[ -]?\d{4}[ -]?\d{4}(?![0-9A-Za-z])/g;
// Token shapes: Lark tenant/user access tokens (t-…, u-…), card callback tokens (c-…), the API's
// hhq_ tokens, and any bearer credential written out.
const tokenPatterns = [/(?<![0-9A-Za-z-])[tuc]-[0-9A-Za-z]{30,}/g, /hhq_[A-Za-z0-9_-]{20,}/g, /\bBearer\s+[A-Za-z0-9._~+/=-]{8,}/gi];
// Lark identifiers (open_id, chat_id, message_id, app_id …) are random hex: digit runs inside them
// are no phone numbers.
const larkIds = /\b(?:ou|oc|om|on|cli|img|file)_[0-9A-Za-z_]+/g;
// What reveals health in a cause or a free text (illness, injury, disability, treatment).
const healthWords = /病|伤|残|疾|症|癌|瘤|住院|化疗|透析|手术/;

export interface PreparedFacts {
  idNumbers: string[];
  phones: string[];
  names: string[];
  health: string[];
  publicNames: string[];
  secrets: string[];
}

export function prepareFacts(facts: PrivacyFacts): PreparedFacts {
  const publicNames = [...new Set((facts.publicNames ?? []).map((n) => n.trim()).filter((n) => n.length >= 2))].sort(
    (a, b) => b.length - a.length,
  );
  const publicSet = new Set(publicNames);
  const causesOf = (h: HouseholdFacts) => (typeof h.causes === 'string' ? h.causes.split(/[、；;，,/]+/) : (h.causes ?? []));
  return {
    idNumbers: unique(facts.households.map((h) => h.idNumber.replace(/\s+/g, '')).filter((id) => id.length >= 15)),
    phones: unique(facts.households.map((h) => (h.phone ?? '').replace(/\s+/g, '')).filter((p) => p.replace(/\D/g, '').length >= 7)),
    names: unique(facts.households.map((h) => h.headName.trim()).filter((n) => Array.from(n).length >= 2 && !publicSet.has(n))),
    health: unique([
      ...facts.households
        .flatMap(causesOf)
        .map((c) => c.trim())
        .filter((c) => c !== '' && healthWords.test(c)),
      ...(facts.healthTexts ?? []).map((t) => t.trim()).filter(Boolean),
    ]),
    publicNames,
    secrets: unique((facts.secrets ?? []).filter((s) => s.length >= 8)),
  };
}

/** Scans one text (a message's visible content or a log line) for what `channel` must not carry. */
export function scanText(text: string, channel: Channel, where: string, facts: PreparedFacts): Finding[] {
  const findings: Finding[] = [];
  const allowed = new Set(rules[channel]);
  const add = (kind: FindingKind, match: string, index: number, source = text) => {
    if (!allowed.has(kind)) return;
    const shown = kind === 'secret' ? shorten(match) : match;
    const around = source.slice(Math.max(0, index - 30), index) + '\u0000' + source.slice(index + match.length, index + match.length + 30);
    const context = hideSecrets(around, facts).replace('\u0000', `⟦${shown}⟧`);
    findings.push({ kind, channel, where, match: shown, context });
  };

  for (const secret of facts.secrets) for (const i of indexesOf(text, secret)) add('secret', secret, i);
  for (const pattern of tokenPatterns) for (const m of text.matchAll(pattern)) add('secret', m[0], m.index);

  const digits = text.replace(larkIds, (id) => ' '.repeat(id.length));
  for (const m of digits.matchAll(idNumberPattern)) add('id_number', m[0], m.index);
  for (const id of facts.idNumbers) for (const i of indexesOf(digits, id)) if (!/^\d{17}[\dXx]$/.test(id)) add('id_number', id, i);
  for (const m of digits.matchAll(mobilePattern)) add('phone', m[0], m.index);
  for (const phone of facts.phones) for (const i of indexesOf(digits, phone)) if (!/^1[3-9]\d{9}$/.test(phone)) add('phone', phone, i);

  // Roster and chat names are blanked first, so 王芳 on file is not found inside officer 王芳芳.
  let people = text;
  for (const name of facts.publicNames) people = people.split(name).join('□'.repeat(name.length));
  for (const name of facts.names) for (const i of indexesOf(people, name)) add('full_name', name, i, people);
  for (const health of facts.health) for (const i of indexesOf(text, health)) add('illness', health, i);
  return findings;
}

/**
 * The text of a message as Lark carries it (msg_type + content JSON): every string and number in
 * it, except the static choices of a form's selects (the flow's option lists — the same for every
 * household, e.g. all the causes one may pick). A select's initial choice is kept.
 */
export function messageText(msgType: string, content: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(content);
  } catch {
    return content;
  }
  const out: string[] = [];
  const walk = (value: unknown, key: string | undefined, parent: Record<string, unknown> | undefined) => {
    if (typeof value === 'string' || typeof value === 'number') out.push(String(value));
    else if (Array.isArray(value)) {
      const staticChoices = key === 'options' && typeof parent?.tag === 'string' && /select_static$/.test(parent.tag);
      if (!staticChoices) for (const v of value) walk(v, undefined, undefined);
    } else if (value !== null && typeof value === 'object') {
      const record = value as Record<string, unknown>;
      for (const [k, v] of Object.entries(record)) walk(v, k, record);
    }
  };
  walk(parsed, undefined, undefined);
  return `[${msgType}]\n${out.join('\n')}`;
}

export interface ScannedMessage {
  chatId: string;
  chatName?: string;
  chatType: 'group' | 'p2p';
  messageId: string;
  msgType: string;
  /** Every version the chat showed: the content as sent and each edit after it. */
  versions: readonly string[];
}

/** The simulator's chats and messages (src/sandbox/simulator/simulator-state.ts), structurally. */
export interface ChatLike {
  chatId: string;
  name: string;
  chatType: 'group' | 'p2p';
}
export interface MessageLike {
  messageId: string;
  chatId: string;
  msgType: string;
  content: string;
  sender: { type: string };
  edits: readonly { content: string }[];
}

/** Collects findings over messages and log lines, and counts what it scanned. */
export class PrivacyScanner {
  readonly facts: PreparedFacts;
  readonly findings: Finding[] = [];
  readonly counts = { groupMessages: 0, groupVersions: 0, directMessages: 0, directVersions: 0, toasts: 0, logLines: 0 };

  constructor(facts: PrivacyFacts) {
    this.facts = prepareFacts(facts);
  }

  scanMessage(message: ScannedMessage): Finding[] {
    const channel: Channel = message.chatType === 'group' ? 'group' : 'direct';
    if (channel === 'group') this.counts.groupMessages++;
    else this.counts.directMessages++;
    const found: Finding[] = [];
    for (const [i, content] of message.versions.entries()) {
      if (channel === 'group') this.counts.groupVersions++;
      else this.counts.directVersions++;
      const where = `${channel} ${message.chatName ?? ''}(${message.chatId}) ${message.messageId}${i > 0 ? ` edit ${i}` : ''}`;
      found.push(...scanText(messageText(message.msgType, content), channel, where, this.facts));
    }
    this.findings.push(...found);
    return found;
  }

  /**
   * Every message the bot sent (the simulator's chats and messages, live or from a snapshot), each
   * version of it; what people typed is theirs and is not scanned.
   */
  scanChats(chats: readonly ChatLike[], messages: readonly MessageLike[]): void {
    const byId = new Map(chats.map((c) => [c.chatId, c]));
    for (const m of messages) {
      if (m.sender.type !== 'app') continue;
      const chat = byId.get(m.chatId);
      this.scanMessage({
        chatId: m.chatId,
        chatName: chat?.name ?? '',
        // A chat the simulator does not know is treated as a group: the strictest rules.
        chatType: chat?.chatType ?? 'group',
        messageId: m.messageId,
        msgType: m.msgType,
        versions: [...new Set([...m.edits.map((e) => e.content), m.content])],
      });
    }
  }

  /** Toasts answer a click and are seen by the one who clicked: a direct audience. */
  scanToasts(toasts: readonly { messageId: string; content: string }[]): void {
    for (const [i, t] of toasts.entries()) {
      this.counts.toasts++;
      this.findings.push(...scanText(t.content, 'direct', `toast ${i + 1} on ${t.messageId}`, this.facts));
    }
  }

  scanLogLines(lines: readonly string[], label = 'log line'): void {
    for (const [i, line] of lines.entries()) this.scanLogLine(line, `${label} ${i + 1}`);
  }

  scanLogLine(line: string, where: string): Finding[] {
    this.counts.logLines++;
    const found = scanText(line, 'log', where, this.facts);
    this.findings.push(...found);
    return found;
  }

  /** One line per finding, for an assertion message. */
  report(findings: readonly Finding[] = this.findings): string {
    return findings.map((f) => `${f.kind} in ${f.where}: ${f.match} — …${f.context}…`).join('\n');
  }
}

/** A report never repeats a whole secret: its first characters and its length. */
function shorten(secret: string): string {
  return `${secret.slice(0, 4)}…(${secret.length})`;
}

function hideSecrets(text: string, facts: PreparedFacts): string {
  let out = text;
  for (const secret of facts.secrets) out = out.split(secret).join(shorten(secret));
  for (const pattern of tokenPatterns) out = out.replace(pattern, shorten);
  return out;
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

function indexesOf(text: string, needle: string): number[] {
  const found: number[] = [];
  if (needle === '') return found;
  for (let i = text.indexOf(needle); i !== -1; i = text.indexOf(needle, i + needle.length)) found.push(i);
  return found;
}
