/**
 * A minimal zip writer for crafted test files: parts are deflated as they are generated, so a part
 * that inflates to gigabytes is written without ever being held in memory, and a part may declare
 * a size other than its real one.
 */
import fs from 'node:fs';
import zlib from 'node:zlib';

interface Written {
  name: Buffer;
  crc: number;
  compressed: number;
  size: number;
  offset: number;
}

export class ZipWriter {
  private fd: number;
  private pos = 0;
  private parts: Written[] = [];

  constructor(file: string) {
    this.fd = fs.openSync(file, 'w');
  }

  private put(b: Buffer) {
    fs.writeSync(this.fd, b, 0, b.length, this.pos);
    this.pos += b.length;
  }

  /** Adds a part from text chunks; `declaredSize` overrides the size written in the headers. */
  async add(name: string, chunks: Iterable<string | Buffer>, opts: { declaredSize?: number; level?: number } = {}) {
    const nameBuf = Buffer.from(name, 'utf8');
    const offset = this.pos;
    this.put(Buffer.alloc(30 + nameBuf.length)); // patched below, once the sizes are known
    let crc = 0;
    let size = 0;
    let compressed = 0;
    const deflate = zlib.createDeflateRaw({ level: opts.level ?? 6, chunkSize: 1024 * 1024 });
    deflate.on('data', (d: Buffer) => {
      this.put(d);
      compressed += d.length;
    });
    const ended = new Promise<void>((resolve, reject) => {
      deflate.on('end', resolve);
      deflate.on('error', reject);
    });
    let pending: Buffer[] = [];
    let pendingSize = 0;
    const flush = async () => {
      const b = Buffer.concat(pending);
      pending = [];
      pendingSize = 0;
      crc = zlib.crc32(b, crc);
      size += b.length;
      if (!deflate.write(b)) await new Promise((r) => deflate.once('drain', r));
    };
    for (const c of chunks) {
      const b = typeof c === 'string' ? Buffer.from(c, 'utf8') : c;
      pending.push(b);
      pendingSize += b.length;
      if (pendingSize >= 1024 * 1024) await flush();
    }
    await flush();
    deflate.end();
    await ended;
    const declared = opts.declaredSize ?? size;
    const head = Buffer.alloc(30);
    head.writeUInt32LE(0x04034b50, 0);
    head.writeUInt16LE(20, 4);
    head.writeUInt16LE(0x0800, 6); // UTF-8 names
    head.writeUInt16LE(8, 8);
    head.writeUInt32LE(crc >>> 0, 14);
    head.writeUInt32LE(compressed, 18);
    head.writeUInt32LE(declared >>> 0, 22);
    head.writeUInt16LE(nameBuf.length, 26);
    fs.writeSync(this.fd, Buffer.concat([head, nameBuf]), 0, 30 + nameBuf.length, offset);
    this.parts.push({ name: nameBuf, crc: crc >>> 0, compressed, size: declared >>> 0, offset });
  }

  /**
   * Adds a part of `head`, then `unit` repeated `times`, then `tail`, deflating `unit` once: each
   * piece is flushed to a byte boundary without back-references, so its deflated bytes can be
   * written again and again. A gigabyte part costs a megabyte and a moment. (Its CRC is left 0.)
   */
  addRepeated(name: string, head: string, unit: Buffer, times: number, tail: string, declaredSize?: number) {
    const nameBuf = Buffer.from(name, 'utf8');
    const offset = this.pos;
    const piece = (b: Buffer) => zlib.deflateRawSync(b, { level: 9, finishFlush: zlib.constants.Z_FULL_FLUSH });
    const h = piece(Buffer.from(head));
    const u = piece(unit);
    const t = zlib.deflateRawSync(Buffer.from(tail), { level: 9 });
    const size = Buffer.byteLength(head) + unit.length * times + Buffer.byteLength(tail);
    const compressed = h.length + u.length * times + t.length;
    const declared = declaredSize ?? size;
    const head30 = Buffer.alloc(30);
    head30.writeUInt32LE(0x04034b50, 0);
    head30.writeUInt16LE(20, 4);
    head30.writeUInt16LE(0x0800, 6);
    head30.writeUInt16LE(8, 8);
    head30.writeUInt32LE(compressed, 18);
    head30.writeUInt32LE(declared >>> 0, 22);
    head30.writeUInt16LE(nameBuf.length, 26);
    this.put(Buffer.concat([head30, nameBuf, h]));
    for (let i = 0; i < times; i++) this.put(u);
    this.put(t);
    this.parts.push({ name: nameBuf, crc: 0, compressed, size: declared >>> 0, offset });
  }

  close() {
    const start = this.pos;
    for (const p of this.parts) {
      const c = Buffer.alloc(46);
      c.writeUInt32LE(0x02014b50, 0);
      c.writeUInt16LE(20, 4);
      c.writeUInt16LE(20, 6);
      c.writeUInt16LE(0x0800, 8);
      c.writeUInt16LE(8, 10);
      c.writeUInt32LE(p.crc, 16);
      c.writeUInt32LE(p.compressed, 20);
      c.writeUInt32LE(p.size, 24);
      c.writeUInt16LE(p.name.length, 28);
      c.writeUInt32LE(p.offset, 42);
      this.put(Buffer.concat([c, p.name]));
    }
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(this.parts.length, 8);
    end.writeUInt16LE(this.parts.length, 10);
    end.writeUInt32LE(this.pos - start, 12);
    end.writeUInt32LE(start, 16);
    this.put(end);
    fs.closeSync(this.fd);
  }
}
