// A card button with a form (a flow action with `form`) as a form container at the card root:
// a heading, the fields, and the submit button that sends the event with the form values.
import type { CardAction } from '../../core/flows/flow-types.ts';
import type { EventCallback } from './callback-value.ts';
import type { CardElement } from './card-json.ts';
import type { ButtonType } from './card-elements.ts';
import { escapeMarkdown, grey, markdown, submitButton } from './card-elements.ts';
import { formName, submitName } from './form-names.ts';
import type { FieldRenderOptions } from './render-form-field.ts';
import { renderFormField } from './render-form-field.ts';

const roleNames = { officer: '责任人', supervisor: '督查员', admin: '管理员' } as const;

export function renderActionForm(action: CardAction, value: EventCallback, options: FieldRenderOptions = {}): CardElement {
  const who = action.who?.length ? ` ${grey(`限${action.who.map((w) => roleNames[w]).join('、')}`)}` : '';
  return {
    tag: 'form',
    name: formName(action.event),
    elements: [
      markdown(`**${escapeMarkdown(action.label)}**${who}`),
      ...(action.form ?? []).flatMap((field) => renderFormField(action.event, field, options)),
      submitButton({
        name: submitName(action.event),
        text: action.label,
        type: buttonTypeOf(action),
        value,
        ...(action.confirm ? { confirm: action.confirm } : {}),
      }),
    ],
  };
}

export function buttonTypeOf(action: CardAction): ButtonType {
  return action.style ?? 'default';
}
