/** The paginator packs whole rows into A4 sheets and never leaves the signature line alone on a page. */
import { expect, it } from 'vitest';
import { type Measured, paginate } from '../../src/renderer/src/reports/paginate';

const ledger = (rows: number, signature = 20): Measured => ({ title: 60, head: 20, rows: Array(rows).fill(20), frame: 1, signature });

it('fills each page with as many whole rows as fit, the title only on the first', () => {
  // 700 px: the first page has 60 + 20 + 1 for title, header and frame → 30 rows; later pages 33.
  expect(paginate(ledger(70), 700)).toEqual([
    { from: 0, to: 30 },
    { from: 30, to: 63 },
    { from: 63, to: 70 },
  ]);
});

it('moves the last row over with the signature rather than print the signature alone', () => {
  // 30 rows fill the first page exactly; the signature takes the 30th row with it.
  expect(paginate(ledger(30), 700)).toEqual([
    { from: 0, to: 29 },
    { from: 29, to: 30 },
  ]);
  expect(paginate(ledger(29, 18), 700)).toEqual([{ from: 0, to: 29 }]);
});

it('gives a row taller than a page a page of its own', () => {
  const m: Measured = { title: 60, head: 20, rows: [20, 900, 20], frame: 1, signature: 20 };
  expect(paginate(m, 700)).toEqual([
    { from: 0, to: 1 },
    { from: 1, to: 2 },
    { from: 2, to: 3 },
  ]);
});
