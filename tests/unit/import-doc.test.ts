/**
 * The import's documentation names what the code imports: docs/api.md lists every kind of
 * src/shared/importKinds.ts (code, name and the template's 匹配规则, in the page's order) and, for each,
 * the template's columns with their 必填 marks; README's import paragraph names every kind. A kind
 * added without its documentation, or a column added, renamed or dropped, fails here.
 */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { adapterOf } from '../../src/main/core/import/kinds';
import { IMPORT_KINDS } from '../../src/shared/importKinds';

const read = (path: string) => fs.readFileSync(new URL(path, import.meta.url), 'utf8').replace(/\r\n/g, '\n');
const doc = read('../../docs/api.md');
const template = doc.slice(doc.indexOf('### `import.template`'), doc.indexOf('### `import.preview`'));

/** The cells of a markdown table row (an escaped \| stays inside its cell). */
const cells = (line: string) =>
  line
    .trim()
    .slice(1, -1)
    .split(/(?<!\\)\|/)
    .map((c) => c.trim());

/** The rows of the first table after `heading`, without its header and rule. */
function tableAfter(heading: string): string[][] {
  const at = template.indexOf(heading);
  if (at < 0) return [];
  const lines = template.slice(at).split('\n');
  const start = lines.findIndex((l) => l.startsWith('|'));
  const end = lines.findIndex((l, i) => i > start && !l.startsWith('|'));
  return lines.slice(start + 2, end).map(cells);
}

describe('docs/api.md, import.template', () => {
  it('lists every kind of import with its name and 匹配规则, in the import page’s order', () => {
    const rows = tableAfter('数据种类（');
    expect(rows.map((r) => [r[0], r[1], r[2]])).toEqual(IMPORT_KINDS.map((k) => [`\`${k.kind}\``, k.label, adapterOf(k.kind).matchRule]));
  });

  it.each(IMPORT_KINDS.map((k) => [k.kind, k.label] as const))('lists the columns of %s (%s) as its template has them', (kind, label) => {
    const rows = tableAfter(`${label}（\`${kind}\`）的列`);
    const documented = rows.flatMap((r) => (r[0] ?? '').split('、').map((name) => [name, r[1] === '必填']));
    const fields = adapterOf(kind).fields.map((f) => [f.label, !!f.required]);
    expect(documented.sort()).toEqual(fields.sort());
  });
});

describe('README', () => {
  it('names every kind of import in its 导入 paragraph', () => {
    const readme = read('../../README.md');
    const paragraph = readme.slice(readme.indexOf('- **导入**'), readme.indexOf('- **数据交换**'));
    expect(IMPORT_KINDS.filter((k) => !paragraph.includes(k.label)).map((k) => k.label)).toEqual([]);
  });
});
