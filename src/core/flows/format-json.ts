// JSON text the way Prettier prints it (objects expanded, short arrays of plain values on one line),
// so generated files pass `prettier --check` as they are written.
const width = 140;

export function formatJson(value: unknown): string {
  return `${print(value, '', 0)}\n`;
}

/** `column` is where the value starts on its line; `tail` the characters that follow it (a comma). */
function print(value: unknown, indent: string, column: number, tail = 0): string {
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    const plain = value.every((v) => v === null || typeof v !== 'object');
    const inline = `[${value.map((v) => JSON.stringify(v)).join(', ')}]`;
    if (plain && column + inline.length + tail <= width) return inline;
    const inner = `${indent}  `;
    const items = value.map((v, i) => inner + print(v, inner, inner.length, i < value.length - 1 ? 1 : 0));
    return `[\n${items.join(',\n')}\n${indent}]`;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    if (entries.length === 0) return '{}';
    const inner = `${indent}  `;
    const items = entries.map(([k, v], i) => {
      const key = `${inner}${JSON.stringify(k)}: `;
      return key + print(v, inner, key.length, i < entries.length - 1 ? 1 : 0);
    });
    return `{\n${items.join(',\n')}\n${indent}}`;
  }
  return JSON.stringify(value);
}
