import { expect, it } from 'vitest';
import { collectGarbage } from '../../src/main/core/memory';

it('collects garbage on request (big imports rely on it to stay within memory)', () => {
  collectGarbage();
  const before = process.memoryUsage().heapUsed;
  // About 80 MB that nothing refers to once the loop ends.
  let junk: number[][] | null = Array.from({ length: 100 }, () => Array.from({ length: 100_000 }, (_, i) => i + 0.5));
  expect(junk.length).toBe(100);
  junk = null;
  const piled = process.memoryUsage().heapUsed;
  collectGarbage();
  const after = process.memoryUsage().heapUsed;
  expect(piled - before).toBeGreaterThan(50 * 1024 * 1024);
  expect(after - before).toBeLessThan(20 * 1024 * 1024);
});
