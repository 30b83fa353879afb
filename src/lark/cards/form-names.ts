// Component names of the forms on a case card, and the way back from a submitted `form_value` to
// the flow's field names. Events are unique within a state's card (check-cards.ts), field names
// start with a lowercase letter, so these names cannot collide on one card.
import type { CardAction } from '../../core/flows/flow-types.ts';

export function formName(event: string): string {
  return `f_${event}`;
}

export function fieldName(event: string, field: string): string {
  return `f_${event}__${field}`;
}

export function submitName(event: string): string {
  return `s_${event}`;
}

/**
 * The submitted values keyed by the flow's field names, normalised for checkFormValues: a date
 * picker's "2024-04-01 +0800" becomes "2024-04-01"; a single value of a multi-select becomes a list.
 * Components that are not fields of the action are dropped.
 */
export function readFormValues(action: CardAction, formValue: Record<string, unknown> | undefined): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const field of action.form ?? []) {
    const raw = formValue?.[fieldName(action.event, field.name)];
    if (raw === undefined || raw === null) continue;
    if (field.type === 'date' && typeof raw === 'string') values[field.name] = /^\d{4}-\d{2}-\d{2}/.exec(raw.trim())?.[0] ?? raw;
    else if (field.type === 'multi_select') values[field.name] = Array.isArray(raw) ? raw : [raw];
    else if (typeof raw === 'string') values[field.name] = raw.trim();
    else values[field.name] = raw;
  }
  return values;
}
