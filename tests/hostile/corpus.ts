/**
 * Hostile import files, written to a folder as they are generated (nothing large is held in
 * memory): a zip bomb, a sheet that lies about its size, a million rows, 300,000 rows, nesting
 * a million deep, ten million shared strings, a row 16,384 columns wide, a truncated file, random
 * bytes, a password-protected workbook, a genuine .xls and a CSV of a million lines. Each comes
 * with the answer the import must give.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ZipWriter } from './zipWriter';

export interface HostileFile {
  label: string;
  file: string;
  /** The name the clerk's browser sends. */
  fileName: string;
  /** The start of the Chinese refusal expected. */
  expect: string;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function col(n: number): string {
  let s = '';
  for (let k = n; k > 0; k = Math.floor((k - 1) / 26)) s = String.fromCharCode(65 + ((k - 1) % 26)) + s;
  return s;
}

const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`;
const ROOT_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
const WORKBOOK = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="名册" sheetId="1" r:id="rId1"/></sheets></workbook>`;
const BOOK_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`;
const SHEET_HEAD = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`;
const SHEET_TAIL = '</sheetData></worksheet>';
const SST_HEAD = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">`;

/** A part made of a unit repeated up to a size, without holding it. */
interface Repeated {
  head: string;
  unit: string;
  bytes: number;
  tail: string;
  declaredSize?: number;
}

async function addPart(z: ZipWriter, name: string, part: string[] | Repeated) {
  if (Array.isArray(part)) return z.add(name, part);
  const unit = Buffer.from(part.unit.repeat(Math.ceil((1024 * 1024) / Buffer.byteLength(part.unit))), 'utf8');
  z.addRepeated(name, part.head, unit, Math.ceil(part.bytes / unit.length), part.tail, part.declaredSize);
}

/** A workbook of one sheet named 名册, parts in the order Excel writes them (sheet before strings). */
export async function writeXlsx(file: string, o: { sheet: string[] | Repeated; sharedStrings?: string[] | Repeated }): Promise<void> {
  const z = new ZipWriter(file);
  await z.add('[Content_Types].xml', [CONTENT_TYPES]);
  await z.add('_rels/.rels', [ROOT_RELS]);
  await z.add('xl/workbook.xml', [WORKBOOK]);
  await z.add('xl/_rels/workbook.xml.rels', [BOOK_RELS]);
  await addPart(z, 'xl/worksheets/sheet1.xml', o.sheet);
  await addPart(z, 'xl/sharedStrings.xml', o.sharedStrings ?? [SST_HEAD, '</sst>']);
  z.close();
}

export const ORG_HEADERS = ['单位名称', '组织类型', '所属属地', '从业人员数'];

/** Organization rows as a clerk's sheet holds them, every text in the shared strings as Excel saves it. */
export async function writeOrgSheet(file: string, rows: number, regions: string[], prefix = '导入测试公司'): Promise<void> {
  const strings = new Map<string, number>();
  const s = (text: string) => {
    let i = strings.get(text);
    if (i === undefined) {
      i = strings.size;
      strings.set(text, i);
    }
    return i;
  };
  const line = (r: number, cells: (string | number)[]) =>
    `<row r="${r}">${cells
      .map((v, k) =>
        typeof v === 'number' ? `<c r="${col(k + 1)}${r}"><v>${v}</v></c>` : `<c r="${col(k + 1)}${r}" t="s"><v>${s(v)}</v></c>`,
      )
      .join('')}</row>`;
  function* sheet() {
    yield SHEET_HEAD;
    yield line(1, ORG_HEADERS);
    for (let i = 0; i < rows; i++) yield line(i + 2, [`${prefix}${i}`, '非公企业（公司）', regions[i % regions.length] as string, i % 90]);
    yield SHEET_TAIL;
  }
  function* sst() {
    yield SST_HEAD;
    for (const text of strings.keys()) yield `<si><t>${esc(text)}</t></si>`;
    yield '</sst>';
  }
  // The sheet is generated first, filling the strings table the second part then writes.
  const z = new ZipWriter(file);
  await z.add('[Content_Types].xml', [CONTENT_TYPES]);
  await z.add('_rels/.rels', [ROOT_RELS]);
  await z.add('xl/workbook.xml', [WORKBOOK]);
  await z.add('xl/_rels/workbook.xml.rels', [BOOK_RELS]);
  await z.add('xl/worksheets/sheet1.xml', sheet());
  await z.add('xl/sharedStrings.xml', sst());
  z.close();
}

/** Deterministic noise, so a failure can be replayed. */
function noise(bytes: number, seed = 42): Buffer {
  const b = Buffer.alloc(bytes);
  let x = seed;
  for (let i = 0; i < bytes; i++) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    b[i] = x >>> 16;
  }
  return b;
}

const GB = 1024 * 1024 * 1024;
export const TOO_BIG = '文件解压后过大，可能已损坏或被篡改';
export const UNREADABLE = '无法读取该文件';
export const TOO_MANY_ROWS = '表格行数超过上限 200000 行，请分批导入';

/** Writes the corpus into `dir`; `big` adds the slow ones (1 GB bomb, a million rows). */
export async function writeCorpus(dir: string, big = true): Promise<HostileFile[]> {
  fs.mkdirSync(dir, { recursive: true });
  const at = (name: string) => path.join(dir, name);
  const files: HostileFile[] = [];
  const add = (label: string, name: string, expect: string) => files.push({ label, file: at(name), fileName: name, expect });
  const bombRow = '<row r="2"><c r="A2" t="inlineStr"><is><t>炸弹炸弹炸弹</t></is></c></row>';

  await writeXlsx(at('bomb.xlsx'), { sheet: { head: SHEET_HEAD, unit: bombRow, bytes: 3 * GB, tail: SHEET_TAIL } });
  add('zip 炸弹（工作表解压后 3 GB）', 'bomb.xlsx', TOO_BIG);
  // Declares 10 KB, inflates to 1 GB: only counting the inflated bytes catches it.
  await writeXlsx(at('liar.xlsx'), { sheet: { head: SHEET_HEAD, unit: bombRow, bytes: GB, tail: SHEET_TAIL, declaredSize: 10_240 } });
  add('谎报大小的 zip 炸弹（声明 10 KB，实为 1 GB）', 'liar.xlsx', TOO_BIG);
  // Empty elements: no rows, no text, only parsing work — refused after a million of them instead of
  // parsing on (8 s) until the inflated bytes pass the cap.
  await writeXlsx(at('liar-big.xlsx'), {
    sheet: { head: SHEET_HEAD, unit: '<x/>', bytes: 3 * GB, tail: SHEET_TAIL, declaredSize: 190 * 1024 * 1024 },
  });
  add('谎报大小的 zip 炸弹（声明 190 MB，实为 3 GB 的空元素）', 'liar-big.xlsx', UNREADABLE);
  const cell = `<row r="2"><c r="A2" t="inlineStr"><is><t>`;
  const cellEnd = `</t></is></c></row>${SHEET_TAIL}`;
  await writeXlsx(at('long-text.xlsx'), { sheet: { head: SHEET_HEAD + cell, unit: '炸弹', bytes: 100 * 1024 * 1024, tail: cellEnd } });
  add('一个单元格 100 MB 的文字', 'long-text.xlsx', UNREADABLE);
  await writeXlsx(at('long-cell.xlsx'), { sheet: [SHEET_HEAD + cell, '炸弹'.repeat(100_000), cellEnd] });
  add('一个单元格 20 万字', 'long-cell.xlsx', '单元格内容超过 32767 个字符');
  await writeXlsx(at('nested.xlsx'), { sheet: { head: SHEET_HEAD, unit: '<a>', bytes: 100 * 1024 * 1024, tail: SHEET_TAIL } });
  add('嵌套 3 千万层的 XML', 'nested.xlsx', UNREADABLE);
  await writeXlsx(at('strings.xlsx'), {
    sheet: [SHEET_HEAD, '<row r="1"><c r="A1" t="s"><v>0</v></c></row>', SHEET_TAIL],
    sharedStrings: { head: SST_HEAD, unit: '<si><t>字</t></si>', bytes: 190 * 1024 * 1024, tail: '</sst>' },
  });
  add('一千万个共享字符串', 'strings.xlsx', TOO_BIG);
  const wide = Array.from({ length: 16_384 }, (_, k) => `<c r="${col(k + 1)}1" t="inlineStr"><is><t>列${k}</t></is></c>`).join('');
  await writeXlsx(at('wide.xlsx'), { sheet: [SHEET_HEAD, `<row r="1">${wide}</row>`, SHEET_TAIL] });
  add('一行 16,384 列', 'wide.xlsx', '表格列数超过上限');
  await writeOrgSheet(at('rows300k.xlsx'), 300_000, ['红山街道']);
  add('30 万行的工作表', 'rows300k.xlsx', TOO_MANY_ROWS);
  if (big) {
    await writeOrgSheet(at('rows1m.xlsx'), 1_000_000, ['红山街道']);
    add('100 万行的工作表', 'rows1m.xlsx', TOO_MANY_ROWS);
  }
  const good = fs.readFileSync(at('wide.xlsx'));
  fs.writeFileSync(at('truncated.xlsx'), fs.readFileSync(at('rows300k.xlsx')).subarray(0, 200_000));
  add('截断的 .xlsx', 'truncated.xlsx', UNREADABLE);
  fs.writeFileSync(at('random.xlsx'), noise(1024 * 1024));
  add('随机字节改名为 .xlsx', 'random.xlsx', UNREADABLE);
  fs.writeFileSync(at('pk-random.xlsx'), Buffer.concat([good.subarray(0, 4), noise(64 * 1024)]));
  add('以 PK 开头的随机字节', 'pk-random.xlsx', UNREADABLE);
  const csv = ['单位名称,组织类型,所属属地,从业人员数'];
  // 300,000 rows stay under the 34 MB file limit, so the row cap is what refuses them.
  for (let i = 0; i < 300_000; i++) csv.push(`公司${i},非公企业（公司）,红山街道,${i % 90}`);
  fs.writeFileSync(at('rows300k.csv'), csv.join('\n'));
  add('30 万行的 CSV', 'rows300k.csv', TOO_MANY_ROWS);
  for (const f of officeFiles(dir)) files.push(f);
  return files;
}

/**
 * `encrypted.xlsx` is a real password-protected workbook (password 123456): a small sheet saved by
 * LibreOffice, encrypted with the npm package officecrypto-tool 0.0.19 (`encrypt(bytes, { password })`,
 * ECMA-376 agile encryption as Excel writes it; it decrypts back to the same bytes). LibreOffice
 * 7.4 ignores a password given on the command line, hence the stored file.
 */
export const ENCRYPTED_FIXTURE = path.resolve(import.meta.dirname, 'encrypted.xlsx');

/** The password-protected workbook, and a genuine .xls made by LibreOffice (skipped without it). */
function officeFiles(dir: string): HostileFile[] {
  const out: HostileFile[] = [
    { label: '设有打开密码的 .xlsx', file: ENCRYPTED_FIXTURE, fileName: '加密名册.xlsx', expect: '该文件设有打开密码' },
  ];
  const src = path.join(dir, 'plain.csv');
  fs.writeFileSync(src, '单位名称,组织类型\n青山公司,非公企业（公司）\n');
  try {
    execFileSync('soffice', ['--headless', '--convert-to', 'xls:MS Excel 97', '--outdir', dir, src], { stdio: 'ignore', timeout: 120_000 });
    const xls = path.join(dir, 'plain.xls');
    out.push({ label: '旧版 .xls', file: xls, fileName: '名册.xls', expect: '暂不支持旧版 .xls 文件' });
    // The same old file renamed: recognised by its bytes, not its name.
    out.push({ label: '改名为 .xlsx 的旧版 .xls', file: xls, fileName: '名册.xlsx', expect: '暂不支持旧版 .xls 文件' });
  } catch {
    // No LibreOffice here: the corpus goes without the .xls.
  }
  return out;
}
