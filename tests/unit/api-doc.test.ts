import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type Channel, channels, contract, isChannel } from '../../src/shared/contract';

const doc = fs.readFileSync(new URL('../../docs/api.md', import.meta.url), 'utf8').replace(/\r\n/g, '\n');

/** Each channel heading (### `name`) with its section: the text up to the next ## or ### heading. */
const sections = [...doc.matchAll(/^### `([^`]+)`$/gm)].map((m) => {
  const start = (m.index ?? 0) + m[0].length;
  const next = doc.slice(start).search(/^#{2,3} /m);
  return { name: m[1] as string, body: next === -1 ? doc.slice(start) : doc.slice(start, start + next) };
});

const jsonBlocks = (body: string) => [...body.matchAll(/^```json\n([\s\S]*?)^```$/gm)].map((m) => m[1] as string);

describe('docs/api.md', () => {
  it('documents every channel of the contract, in the contract’s order', () => {
    expect(sections.map((s) => s.name)).toEqual(channels);
  });

  it('gives each channel a description, its Input, its Output and an example request body', () => {
    for (const s of sections) {
      const description = s.body.trim().split('\n')[0] ?? '';
      expect(description.length, `${s.name}: description`).toBeGreaterThan(0);
      expect(description.startsWith('**'), `${s.name}: description before **Input**`).toBe(false);
      expect(s.body, s.name).toContain('**Input**');
      expect(s.body, s.name).toContain('**Output**');
      expect(s.body, s.name).toContain('**示例**');
      expect(s.body.indexOf('**Input**'), `${s.name}: Input before Output`).toBeLessThan(s.body.indexOf('**Output**'));
      expect(jsonBlocks(s.body).length, `${s.name}: a json example`).toBeGreaterThan(0);
    }
  });

  it('has example request bodies the channel’s input schema accepts', () => {
    for (const s of sections) {
      if (!isChannel(s.name)) continue;
      const schema = contract[s.name as Channel].input;
      for (const block of jsonBlocks(s.body)) {
        const parsed = schema.safeParse(JSON.parse(block));
        expect(parsed.success ? [] : parsed.error.issues, `${s.name}: ${block}`).toEqual([]);
      }
    }
  });
});
