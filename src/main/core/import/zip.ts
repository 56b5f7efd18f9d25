/**
 * The parts of an .xlsx (a zip) read from its central directory, each inflated as a stream that
 * stops as soon as it yields more than the part declares or more than the caller allows: a crafted
 * file whose sheet inflates to gigabytes is refused after a bounded amount of work.
 */
import { Readable, Transform } from 'node:stream';
import zlib from 'node:zlib';
import { AppError } from '../errors';

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  /** Where the compressed bytes start. */
  dataStart: number;
}

export const UNREADABLE = '无法读取该文件：请确认是 Excel（.xlsx）或 CSV 文件且未损坏';
export const TOO_BIG = '文件解压后过大，可能已损坏或被篡改';

const unreadable = () => new AppError('invalid_input', UNREADABLE);
export const tooBig = () => new AppError('invalid_input', TOO_BIG);

const MAX_ENTRIES = 10_000;

/** Every part of the zip by name; a truncated or damaged file is refused here. */
export function zipEntries(bytes: Buffer): Map<string, ZipEntry> {
  // The end record sits in the last 22 bytes plus a comment of up to 65,535.
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (bytes.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw unreadable();
  const count = bytes.readUInt16LE(eocd + 10);
  const cdSize = bytes.readUInt32LE(eocd + 12);
  const cdOffset = bytes.readUInt32LE(eocd + 16);
  if (count > MAX_ENTRIES || cdOffset + cdSize > eocd) throw unreadable();
  const entries = new Map<string, ZipEntry>();
  let p = cdOffset;
  for (let k = 0; k < count; k++) {
    if (p + 46 > eocd || bytes.readUInt32LE(p) !== 0x02014b50) throw unreadable();
    const flags = bytes.readUInt16LE(p + 8);
    const method = bytes.readUInt16LE(p + 10);
    const compressedSize = bytes.readUInt32LE(p + 20);
    const size = bytes.readUInt32LE(p + 24);
    const nameLen = bytes.readUInt16LE(p + 28);
    const extraLen = bytes.readUInt16LE(p + 30);
    const commentLen = bytes.readUInt16LE(p + 32);
    const local = bytes.readUInt32LE(p + 42);
    const name = bytes.toString('utf8', p + 46, p + 46 + nameLen);
    p += 46 + nameLen + extraLen + commentLen;
    if (local + 30 > bytes.length || bytes.readUInt32LE(local) !== 0x04034b50) throw unreadable();
    const dataStart = local + 30 + bytes.readUInt16LE(local + 26) + bytes.readUInt16LE(local + 28);
    // Bit 0: zip-level encryption, which Excel never writes; 0xFFFFFFFF: a zip64 part of 4 GB or more.
    if (flags & 1 || (method !== 0 && method !== 8)) throw unreadable();
    if (size === 0xffffffff || compressedSize === 0xffffffff) throw tooBig();
    if (dataStart + compressedSize > bytes.length) throw unreadable();
    entries.set(name.replace(/^\/+/, ''), { name, method, compressedSize, size, dataStart });
  }
  return entries;
}

const SLICE = 16 * 1024;
/** Real parts nest a handful of elements deep; the XML parser keeps every open element in memory. */
const MAX_DEPTH = 100;
/**
 * The parser also holds a whole text between two tags: no cell of Excel's (32,767 characters,
 * entities written out) comes near a megabyte.
 */
const MAX_RUN = 1024 * 1024;

/**
 * Whether XML read in chunks nests too deep (`<a` opens, `</` and a tag ending in `/>` close) or
 * runs too long without markup. Comments and `>` inside attribute values can fool the count by one
 * here and there, never by thousands.
 */
function xmlShape(): (chunk: Buffer) => boolean {
  let depth = 0;
  let max = 0;
  /** Bytes since the last `<`. */
  let run = 0;
  /** A `<` was the last byte of the previous chunk. */
  let openAtEnd = false;
  /** An opening tag runs on into this chunk: its `>` decides whether it closes itself. */
  let inTag = false;
  let lastByte = 0;
  const endOfTag = (chunk: Buffer, from: number) => {
    const j = chunk.indexOf(0x3e, from);
    if (j < 0) return -1;
    if ((j > 0 ? chunk[j - 1] : lastByte) === 0x2f) depth--;
    return j;
  };
  const open = (chunk: Buffer, next: number | undefined, from: number) => {
    if (next === 0x2f) depth--;
    else if (next !== 0x3f && next !== 0x21) {
      depth++;
      if (depth > max) max = depth;
      inTag = endOfTag(chunk, from) < 0;
    }
  };
  return (chunk) => {
    if (!chunk.length) return false;
    if (openAtEnd) open(chunk, chunk[0], 0);
    else if (inTag) inTag = endOfTag(chunk, 0) < 0;
    openAtEnd = false;
    let prev = -1 - run;
    for (let i = chunk.indexOf(0x3c); i >= 0; i = chunk.indexOf(0x3c, i + 1)) {
      if (i - prev > MAX_RUN) return true;
      prev = i;
      if (i + 1 === chunk.length) openAtEnd = true;
      else open(chunk, chunk[i + 1], i + 1);
    }
    run = chunk.length - 1 - prev;
    lastByte = chunk[chunk.length - 1] as number;
    return max > MAX_DEPTH || run > MAX_RUN;
  };
}

/**
 * The inflated bytes of one part. Fails with 文件解压后过大 past `limit` bytes or past the size the
 * part declares, and with 无法读取 on damaged data; `onCompressed` counts the input consumed.
 */
export function entryStream(bytes: Buffer, e: ZipEntry, limit: number, onCompressed?: (n: number) => void): Readable {
  if (e.size > limit) throw tooBig();
  const data = bytes.subarray(e.dataStart, e.dataStart + e.compressedSize);
  function* slices() {
    for (let i = 0; i < data.length; i += SLICE) {
      const s = data.subarray(i, i + SLICE);
      onCompressed?.(s.length);
      yield s;
    }
  }
  let out = 0;
  const cap = Math.min(limit, e.size);
  const odd = xmlShape();
  const guard = new Transform({
    transform(chunk: Buffer, _enc, done) {
      out += chunk.length;
      if (out > cap) done(tooBig());
      else if (odd(chunk)) done(unreadable());
      else done(null, chunk);
    },
  });
  const source = Readable.from(slices(), { objectMode: false });
  if (e.method === 0) return source.pipe(guard);
  // Small pieces: the XML parser batches its events per piece, and big batches live long enough
  // to cost the garbage collector several times the parsing (4 s instead of 1 s a million tags).
  const inflate = zlib.createInflateRaw({ chunkSize: 16 * 1024 });
  const fail = (err: Error) => guard.destroy(err instanceof AppError ? err : unreadable());
  source.on('error', fail);
  inflate.on('error', fail);
  guard.on('error', () => {
    source.destroy();
    inflate.destroy();
  });
  return source.pipe(inflate).pipe(guard);
}
