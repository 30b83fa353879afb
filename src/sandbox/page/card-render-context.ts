// What the sandbox page's card renderer needs to know besides the card: who is who in the chat.

export interface CardRenderContext {
  /** Display name of an open_id (roster / simulator users); undefined when unknown. */
  nameOf(openId: string): string | undefined;
  /** People a person picker offers when the component has no `options` (Lark offers the chat's members). */
  chatMembers: readonly { openId: string; name: string }[];
}
