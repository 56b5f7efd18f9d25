/**
 * The exchange file (两新党建台账交换文件, extension `.lxex`): one self-checking file that carries a
 * township's records to the county (or the county's back), built from node built-ins only.
 *
 * Layout (integers big-endian):
 *
 * | offset   | size   | what                                                                          |
 * |----------|--------|-------------------------------------------------------------------------------|
 * | 0        | 8      | magic `LXDJEX01` (ASCII; the last two characters are the format version)      |
 * | 8        | 4      | M = byte length of the manifest (at most 1 MiB)                               |
 * | 12       | M      | manifest: UTF-8 JSON, see {@link ExchangeManifest}                            |
 * | 12 + M   | P      | payload: gzip(content JSON); when encrypted, AES-256-GCM(gzip(content JSON))   |
 * |          |        | followed by the 16-byte GCM auth tag                                          |
 * | end − 32 | 32     | SHA-256 of every byte before it                                               |
 *
 * - `manifest.contentSha256` is the SHA-256 (hex) of the content JSON bytes before gzip and encryption;
 *   it is checked again after unpacking. The content itself is described in ./records.ts.
 * - Encryption (optional): key = scrypt(password, salt, 32 bytes, {N, r, p}), 16-byte random salt,
 *   12-byte random IV; salt, IV and the scrypt parameters are in `manifest.encryption`. The header and
 *   manifest (bytes 0 … 12 + M) are the GCM additional data, so with a password neither the manifest nor
 *   the content can be changed without the tag failing.
 * - Reading checks, in order: magic → trailing SHA-256 (any damaged byte anywhere is caught here,
 *   before anything is parsed) → manifest (scrypt parameters no costlier than the ones written here,
 *   record counts ≤ MAX_RECORDS) → decryption → gunzip, stopped at MAX_CONTENT → content SHA-256 →
 *   the content's structure in proportion to the counts (before JSON.parse). Each failure is an
 *   AppError('invalid_input') with a Chinese message. Without a password the two checksums catch damage
 *   (a bad USB stick, a truncated copy), not a deliberate edit whose author recomputed them; with a
 *   password the GCM tag also catches deliberate edits.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes, type ScryptOptions, scrypt } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import { AppError } from '../errors';

export const EXCHANGE_EXTENSION = '.lxex';
const MAGIC = Buffer.from('LXDJEX01', 'ascii');
const HEAD = MAGIC.length + 4;
const DIGEST = 32;
const TAG = 16;
const MAX_MANIFEST = 1024 * 1024;
/**
 * Uncompressed content is refused beyond this while inflating (a gzip bomb): a county of 100,000
 * organizations is about 90 MB of content JSON, and parsing it takes a few times that in memory.
 */
export const MAX_CONTENT = 128 * 1024 * 1024;
/** Records of each kind a file may announce; more is refused before anything is decrypted or inflated. */
export const MAX_RECORDS = 200_000;
/**
 * The scrypt parameters this program writes. A file's own parameters are accepted only up to these
 * (N a power of two ≤ 2^15, r = 8, p = 1): otherwise a 10 KB file could demand minutes and gigabytes.
 */
const SCRYPT = { N: 32768, r: 8, p: 1 } as const;

import { type ExchangeManifest, manifestSchema } from '../../../shared/exchange';

export { type ExchangeManifest, manifestSchema };

export type ManifestDraft = Omit<ExchangeManifest, 'contentSha256' | 'encryption'>;

const sha256 = (b: Buffer | string) => createHash('sha256').update(b).digest();

function deriveKey(password: string, salt: Buffer, n: number, r: number, p: number): Promise<Buffer> {
  const options: ScryptOptions = { N: n, r, p, maxmem: 256 * n * r + 1024 * 1024 };
  return new Promise((resolve, reject) => scrypt(password.normalize('NFC'), salt, 32, options, (e, key) => (e ? reject(e) : resolve(key))));
}

/** Writes a file: the manifest gets the content checksum and, with a password, the encryption parameters. */
export async function packExchange(
  draft: ManifestDraft,
  contentJson: string,
  password?: string | null,
): Promise<{ bytes: Buffer; manifest: ExchangeManifest }> {
  const content = Buffer.from(contentJson, 'utf8');
  const packed = gzipSync(content, { level: 9 });
  let manifest: ExchangeManifest = { ...draft, contentSha256: sha256(content).toString('hex'), encryption: null };
  let key: Buffer | null = null;
  let iv: Buffer | null = null;
  if (password) {
    const salt = randomBytes(16);
    iv = randomBytes(12);
    key = await deriveKey(password, salt, SCRYPT.N, SCRYPT.r, SCRYPT.p);
    manifest = {
      ...manifest,
      encryption: {
        cipher: 'aes-256-gcm',
        kdf: 'scrypt',
        salt: salt.toString('base64'),
        iv: iv.toString('base64'),
        n: SCRYPT.N,
        r: SCRYPT.r,
        p: SCRYPT.p,
      },
    };
  }
  const manifestBytes = Buffer.from(JSON.stringify(manifest), 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(manifestBytes.length);
  const head = Buffer.concat([MAGIC, length, manifestBytes]);
  let payload = packed;
  if (key && iv) {
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    cipher.setAAD(head);
    payload = Buffer.concat([cipher.update(packed), cipher.final(), cipher.getAuthTag()]);
  }
  const body = Buffer.concat([head, payload]);
  return { bytes: Buffer.concat([body, sha256(body)]), manifest };
}

const damaged = (what: string) =>
  new AppError('invalid_input', `交换文件已损坏或被改动（${what}），不能导入。请重新导出或重新拷贝该文件。`);

function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** The structural checks and the manifest, without decrypting: enough to tell the clerk a password is needed. */
export function readExchangeHeader(input: Uint8Array): { manifest: ExchangeManifest; head: Buffer; payload: Buffer } {
  const bytes = asBuffer(input);
  if (bytes.length < HEAD + DIGEST || !bytes.subarray(0, MAGIC.length).equals(MAGIC)) {
    throw new AppError('invalid_input', '这不是两新党建台账交换文件，或文件开头已损坏（文件头不符），不能导入。');
  }
  const body = bytes.subarray(0, bytes.length - DIGEST);
  if (!sha256(body).equals(bytes.subarray(bytes.length - DIGEST))) throw damaged('整个文件的校验值不符');
  const m = bytes.readUInt32BE(MAGIC.length);
  if (m === 0 || m > MAX_MANIFEST || HEAD + m > body.length) throw damaged('清单长度不对');
  let raw: unknown;
  try {
    raw = JSON.parse(bytes.subarray(HEAD, HEAD + m).toString('utf8'));
  } catch {
    throw damaged('清单无法读取');
  }
  const r = raw as { format?: unknown; version?: unknown } | null;
  if (!r || typeof r !== 'object' || r.format !== 'lxdj-exchange')
    throw new AppError('invalid_input', '这不是两新党建台账交换文件（清单格式不符），不能导入。');
  if (r.version !== 1) throw new AppError('invalid_input', `交换文件的格式版本（${String(r.version)}）比本程序新，请升级程序后再导入。`);
  const parsed = manifestSchema.safeParse(raw);
  if (!parsed.success) throw damaged('清单内容不完整');
  const manifest = parsed.data;
  const enc = manifest.encryption;
  if (enc) {
    const powerOfTwo = enc.n >= 1024 && (enc.n & (enc.n - 1)) === 0;
    if (!powerOfTwo || enc.n > SCRYPT.N || enc.r !== SCRYPT.r || enc.p !== SCRYPT.p) {
      throw new AppError('invalid_input', '交换文件的加密参数不是本程序使用的参数，文件可能被改动，不能导入。');
    }
  }
  if (Object.values(manifest.counts).some((n) => n > MAX_RECORDS)) {
    throw new AppError('invalid_input', `交换文件中的记录过多（每类最多 ${MAX_RECORDS.toLocaleString('zh-CN')} 条），不能导入。`);
  }
  return { manifest, head: bytes.subarray(0, HEAD + m), payload: body.subarray(HEAD + m) };
}

/**
 * JSON.parse of a few megabytes of `{},{},…` or `0,0,…` builds tens of millions of values (64 MB of
 * `{},` took 77 s and 2.2 GB). A legitimate file has one object per record announced in the manifest
 * and about two dozen values each, so the content's structure is counted byte by byte first (an upper
 * bound: punctuation inside text counts too, hence the slack) and refused when it is out of proportion.
 */
function checkShape(content: Buffer, counts: ExchangeManifest['counts']): void {
  const records = Object.values(counts).reduce((a, b) => a + b, 0);
  let objects = 0;
  let arrays = 0;
  let values = 0;
  for (let i = 0; i < content.length; i++) {
    const b = content[i];
    if (b === 0x2c) values++;
    else if (b === 0x7b) objects++;
    else if (b === 0x5b) arrays++;
  }
  if (objects > records + 1000 || arrays > records + 1000 || values > Math.min(64 * records + 10_000, 8_000_000)) {
    throw new AppError('invalid_input', '交换文件的内容与清单中的记录数不相称，文件可能被改动，不能导入。');
  }
}

/** Reads a file back: every check in the order above; returns the manifest and the content JSON text. */
export async function unpackExchange(
  input: Uint8Array,
  password?: string | null,
): Promise<{ manifest: ExchangeManifest; contentJson: string }> {
  const { manifest, head, payload } = readExchangeHeader(input);
  let packed = payload;
  const enc = manifest.encryption;
  if (enc) {
    if (!password) throw new AppError('invalid_input', '此交换文件已加密，请输入导出时设置的密码。');
    const iv = Buffer.from(enc.iv, 'base64');
    const salt = Buffer.from(enc.salt, 'base64');
    if (iv.length !== 12 || salt.length < 8 || salt.length > 64 || payload.length < TAG) throw damaged('加密参数不对');
    const key = await deriveKey(password, salt, enc.n, enc.r, enc.p);
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, iv);
      decipher.setAAD(head);
      decipher.setAuthTag(payload.subarray(payload.length - TAG));
      packed = Buffer.concat([decipher.update(payload.subarray(0, payload.length - TAG)), decipher.final()]);
    } catch {
      throw new AppError('invalid_input', '密码不正确，或交换文件已被改动，无法解密。请核对密码后重试。');
    }
  }
  let content: Buffer;
  try {
    // Inflating stops at the cap, so a small file that would expand to gigabytes costs only that much.
    content = gunzipSync(packed, { maxOutputLength: MAX_CONTENT, chunkSize: 1024 * 1024 });
  } catch (e) {
    if ((e as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') {
      throw new AppError('invalid_input', `交换文件的内容过大（解压后超过 ${MAX_CONTENT / 1024 / 1024} MB），不能导入。`);
    }
    throw damaged('内容无法解压');
  }
  if (sha256(content).toString('hex') !== manifest.contentSha256) throw damaged('内容与清单中的校验值不符');
  checkShape(content, manifest.counts);
  return { manifest, contentJson: content.toString('utf8') };
}
