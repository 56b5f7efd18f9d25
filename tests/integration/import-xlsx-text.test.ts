/**
 * Chinese text read from an .xlsx comes out whole: a character whose UTF-8 bytes straddle two of
 * the inflated chunks must not turn into �. A long run of Chinese text is shifted by 0, 1 and 2
 * bytes, so that every chunk boundary inside it falls mid-character in at least one of the files.
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { readSheet } from '../../src/main/core/import/read';

const LONG = Array.from({ length: 30_000 }, (_, i) => '两新组织党建台账乌兰镇新城街道'[i % 15]).join('');

async function sheetWith(pad: number): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('名册');
  ws.addRow(['单位名称', '组织类型', '所属属地', '备注']);
  ws.addRow([`${'a'.repeat(pad)}公司`, '非公企业（公司）', '乌兰镇', LONG]);
  for (let i = 0; i < 3000; i++) ws.addRow([`崩溃测试公司${i}`, '非公企业（公司）', '红山街道', `第${i}行`]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('Chinese text across chunk boundaries', () => {
  for (const pad of [0, 1, 2]) {
    it(`keeps every character (shifted by ${pad})`, async () => {
      const sheet = await readSheet('orgs', await sheetWith(pad), 'x.xlsx');
      const cells = sheet.rows.map((r) => r.cells);
      expect(cells[0]?.[3] === LONG, 'the long note is read whole').toBe(true);
      const broken = cells.filter((c) => c.some((t) => t.includes('\uFFFD')));
      expect(broken.map((c) => c[0])).toEqual([]);
      expect(cells.slice(1).map((c) => c[0])).toEqual(Array.from({ length: 3000 }, (_, i) => `崩溃测试公司${i}`));
    });
  }
});
