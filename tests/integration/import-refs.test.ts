/**
 * Columns that name a party organization or an organization (`partyOrg` / `org` cells of an
 * import kind) read as its id: by name, in the row's region when the name is used twice, an
 * organization also by its 统一社会信用代码; what cannot be told is a Chinese error.
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { ImportField } from '../../src/main/core/import/fields';
import { referenceIndex } from '../../src/main/core/import/refs';
import { usccCheckChar } from '../../src/shared/rules/uscc';
import { makeLedger, type TestLedger } from './fixture';
import { caseMaker } from './helpers/caseLedger';

let t: TestLedger;
beforeEach(async () => {
  t = await makeLedger();
});
afterEach(async () => {
  await t.close();
});

const partyOrgField: ImportField = { key: 'partyOrgId', label: '党组织名称', kind: 'partyOrg', synonyms: [], help: '' };
const orgField: ImportField = { key: 'orgId', label: '单位名称', kind: 'org', synonyms: [], help: '' };

it('reads a named party organization or organization as its id, in the row’s region when the name is used twice', async () => {
  const east = await t.call('regions.create', { name: '东街道', kind: 'subdistrict' });
  const west = await t.call('regions.create', { name: '西街道', kind: 'subdistrict' });
  let region = east.id;
  const { partyOrg } = caseMaker(t, () => region);
  const only = await partyOrg({ name: '晨光公司党支部' });
  const twinEast = await partyOrg({ name: '商会联合党支部' });
  region = west.id;
  const twinWest = await partyOrg({ name: '商会联合党支部' });
  const code = `91150499MA0001A1X`;
  const uscc = code + usccCheckChar(code);
  const org = await t.call('orgs.create', {
    name: '西镇顺达物流有限公司',
    uscc,
    category: 'nonpublic',
    subtype: 'company',
    regionId: west.id,
  });

  const cells = ['晨光公司党支部', '商会联合党支部', '没有这个支部', '西镇顺达物流有限公司', uscc.toLowerCase()];
  const sheet = {
    sheetName: 'x',
    headerRow: 1,
    headers: ['党组织名称', '单位名称'],
    rows: cells.map((c, i) => ({ row: i + 2, cells: [c, c] })),
  };
  const resolve = await referenceIndex(
    t.ctx,
    sheet,
    [partyOrgField, orgField],
    new Map([
      ['partyOrgId', 0],
      ['orgId', 1],
    ]),
  );

  expect(resolve(partyOrgField, '晨光公司党支部', west.id)).toEqual({ ok: true, value: only.id });
  expect(resolve(partyOrgField, '商会联合党支部', east.id)).toEqual({ ok: true, value: twinEast.id });
  expect(resolve(partyOrgField, '商会联合党支部', west.id)).toEqual({ ok: true, value: twinWest.id });
  expect(resolve(partyOrgField, '商会联合党支部', null)).toEqual({
    ok: false,
    message: '“商会联合党支部”对应多个党组织，请在“所属属地”列注明属地',
  });
  expect(resolve(partyOrgField, '没有这个支部', null)).toEqual({
    ok: false,
    message: '找不到党组织“没有这个支部”，请先导入或新增该党组织',
  });
  expect(resolve(orgField, '西镇顺达物流有限公司', null)).toEqual({ ok: true, value: org.id });
  expect(resolve(orgField, uscc.toLowerCase(), null)).toEqual({ ok: true, value: org.id });
});
