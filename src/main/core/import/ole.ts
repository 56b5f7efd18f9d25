/**
 * Office files that are not zips: a legacy .xls, or an .xlsx saved with an open password, which
 * Excel, WPS and LibreOffice wrap in an OLE compound file holding `EncryptionInfo` and
 * `EncryptedPackage` streams. Both are recognised by their bytes, whatever the file is named.
 */
import { AppError } from '../errors';

const OLE_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
export const ENCRYPTED = '该文件设有打开密码，请在 Excel/WPS 中取消密码后再导入';
export const LEGACY_XLS = '暂不支持旧版 .xls 文件，请在 Excel 或 WPS 中“另存为”.xlsx 后再导入';

export const isOle = (bytes: Buffer) => bytes.subarray(0, 8).equals(OLE_MAGIC);

/**
 * Whether the compound file's directory names a stream. Directory entries are 128 bytes, aligned
 * to 128 within the file's sectors, and start with the name in UTF-16 and its byte length at 0x40.
 */
function hasStream(bytes: Buffer, name: string): boolean {
  const needle = Buffer.from(`${name}\0`, 'utf16le');
  for (let i = bytes.indexOf(needle, 512); i >= 0; i = bytes.indexOf(needle, i + 1)) {
    if (i % 128 === 0 && i + 0x42 <= bytes.length && bytes.readUInt16LE(i + 0x40) === needle.length) return true;
  }
  return false;
}

/** The refusal for an OLE file: a password, or the old binary format. */
export function oleRefusal(bytes: Buffer): AppError {
  const encrypted = hasStream(bytes, 'EncryptedPackage') || hasStream(bytes, 'EncryptionInfo');
  return new AppError('invalid_input', encrypted ? ENCRYPTED : LEGACY_XLS);
}
