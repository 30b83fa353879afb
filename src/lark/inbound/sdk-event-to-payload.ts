// The Node SDK's EventDispatcher hands handlers *flattened* data: {schema, ...header, ...event}
// for v2 (event fields win, so `token` is a card's update token and the verification token is
// gone) and {...event, ...rest} for v1 (lark-platform.md §1.6). This rebuilds the envelope so the
// long connection goes through the same parseLarkEvent and store as the webhook.
import { own } from './json-guards.ts';

const V2_HEADER: readonly string[] = ['event_id', 'event_type', 'create_time', 'tenant_key', 'app_id'];
const V1_ENVELOPE: readonly string[] = ['uuid', 'ts', 'token', 'type'];

export function sdkEventToPayload(eventType: string, data: Record<string, unknown>): Record<string, unknown> {
  // Object.fromEntries defines properties, so a "__proto__" key stays plain data.
  const entries = Object.entries(data);
  if (own(data, 'schema') !== undefined || own(data, 'event_id') !== undefined) {
    const header = Object.fromEntries(entries.filter(([key]) => V2_HEADER.includes(key)));
    // Outside card callbacks a flattened `token` is the verification token: dropped.
    const event = Object.fromEntries(
      entries.filter(([key]) => key !== 'schema' && !V2_HEADER.includes(key) && (key !== 'token' || eventType === 'card.action.trigger')),
    );
    return { schema: '2.0', header: { ...header, event_type: eventType }, event };
  }
  const event = Object.fromEntries(entries.filter(([key]) => !V1_ENVELOPE.includes(key)));
  return { uuid: own(data, 'uuid'), ts: own(data, 'ts'), type: 'event_callback', event: { ...event, type: eventType } };
}
