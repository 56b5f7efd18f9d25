/** Row ↔ field conversion: camelCase fields, snake_case columns, booleans as 0/1. */

const snake = (k: string) => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const camel = (k: string) => k.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

/** Fields to columns; booleans become 0/1, arrays JSON. */
export function toColumns(fields: object): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(fields)) {
    out[snake(k)] = typeof v === 'boolean' ? (v ? 1 : 0) : Array.isArray(v) ? JSON.stringify(v) : v;
  }
  return out;
}

/** Columns to fields; only the keys of `shape` are read, typed like `shape`'s values. */
export function fromColumns<T extends object>(row: Record<string, unknown>, shape: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, example] of Object.entries(shape)) {
    const v = row[snake(k)];
    if (typeof example === 'boolean') out[k] = v === 1 || v === true;
    else if (Array.isArray(example)) out[k] = typeof v === 'string' ? JSON.parse(v) : [];
    else out[k] = v ?? null;
  }
  return out as T;
}

export { camel, snake };
