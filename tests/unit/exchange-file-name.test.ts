import { afterEach, expect, it } from 'vitest';
import { fileStamp } from '../../src/main/core/exchange/export';

const zone = process.env.TZ;
afterEach(() => {
  process.env.TZ = zone;
});

it('names an exchange file by the time on the clerk’s clock, not UTC', () => {
  process.env.TZ = 'Asia/Shanghai';
  // 07:01 UTC is 15:01 in 青山旗: the clerk looks for the file exported "at three".
  expect(fileStamp('2026-11-29T07:01:20.000Z')).toBe('20261129-150120');
  // Late evening UTC is already the next day there.
  expect(fileStamp('2026-12-31T18:30:05.000Z')).toBe('20270101-023005');
  process.env.TZ = 'UTC';
  expect(fileStamp('2026-11-29T07:01:20.000Z')).toBe('20261129-070120');
});
