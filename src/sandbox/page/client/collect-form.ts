// A card form's values as the Lark client sends them in `form_value`, after the client-side
// required check ("有必填项未填写"): inputs as strings, a date as "yyyy-MM-dd +0800", a select or
// person picker as its value, multi-selects as arrays. Empty optional pickers are left out.
export type FormValue = Record<string, string | string[]>;

export function collectForm(form: HTMLElement, utcOffset: string): { value: FormValue; missing: HTMLElement[] } {
  const value: FormValue = {};
  const missing: HTMLElement[] = [];
  for (const field of Array.from(form.querySelectorAll<HTMLElement>('[data-field]'))) {
    const name = field.dataset.field ?? '';
    const required = field.dataset.required === 'true';
    const control = field.querySelector<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>('input, textarea, select');
    if (!control || !name) continue;
    let v: string | string[] | undefined;
    switch (field.dataset.kind) {
      case 'multi_select':
      case 'multi_person':
        v = Array.from((control as HTMLSelectElement).selectedOptions).map((o) => o.value);
        if (v.length === 0 && !required) v = undefined;
        break;
      case 'date':
        v = control.value ? `${control.value} ${utcOffset}` : undefined;
        break;
      case 'select':
      case 'person':
        v = control.value || undefined;
        break;
      default:
        v = control.value;
    }
    const empty = v === undefined || (Array.isArray(v) ? v.length === 0 : v.trim() === '');
    setError(field, required && empty ? '必填' : '');
    if (required && empty) missing.push(field);
    else if (v !== undefined) value[name] = v;
  }
  return { value, missing };
}

function setError(field: HTMLElement, text: string): void {
  field.classList.toggle('lk-field-invalid', text !== '');
  const error = field.querySelector<HTMLElement>('.lk-field-error');
  if (!error) return;
  error.textContent = text;
  error.hidden = text === '';
}
