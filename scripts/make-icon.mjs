// Draws resources/icon.png (512×512): a red rounded square with a golden star over three ledger lines.
// No image tools needed; run `node scripts/make-icon.mjs` after changing the design.
import fs from 'node:fs';
import zlib from 'node:zlib';

const N = 512;
const px = Buffer.alloc(N * N * 4);
const star = [];
for (let i = 0; i < 10; i++) {
  const r = i % 2 === 0 ? 118 : 47;
  const a = -Math.PI / 2 + (i * Math.PI) / 5;
  star.push([256 + r * Math.cos(a), 196 + r * Math.sin(a)]);
}
const inStar = (x, y) => {
  let inside = false;
  for (let i = 0, j = star.length - 1; i < star.length; j = i++) {
    const [xi, yi] = star[i];
    const [xj, yj] = star[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
};
const inLines = (x, y) => x >= 136 && x <= 376 && [338, 384, 430].some((top) => y >= top && y <= top + 22);
const inRounded = (x, y) => {
  const r = 96;
  const cx = Math.min(Math.max(x, r), N - r);
  const cy = Math.min(Math.max(y, r), N - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
};
for (let y = 0; y < N; y++) {
  for (let x = 0; x < N; x++) {
    // 4×4 supersampling for smooth edges.
    let bg = 0;
    let st = 0;
    for (let sy = 0; sy < 4; sy++) {
      for (let sx = 0; sx < 4; sx++) {
        const fx = x + (sx + 0.5) / 4;
        const fy = y + (sy + 0.5) / 4;
        if (inRounded(fx, fy)) {
          bg++;
          if (inStar(fx, fy) || inLines(fx, fy)) st++;
        }
      }
    }
    const o = (y * N + x) * 4;
    const s = st / 16;
    px[o] = Math.round(200 * (1 - s) + 255 * s);
    px[o + 1] = Math.round(22 * (1 - s) + 214 * s);
    px[o + 2] = Math.round(29 * (1 - s) + 0 * s);
    px[o + 3] = Math.round((bg / 16) * 255);
  }
}
const raw = Buffer.alloc(N * (N * 4 + 1));
for (let y = 0; y < N; y++) px.copy(raw, y * (N * 4 + 1) + 1, y * N * 4, (y + 1) * N * 4);
const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc = (buf) => {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type), data]);
  const c = Buffer.alloc(4);
  c.writeUInt32BE(crc(td));
  return Buffer.concat([len, td, c]);
};
const ihdr = Buffer.alloc(13);
ihdr.writeUInt32BE(N, 0);
ihdr.writeUInt32BE(N, 4);
ihdr[8] = 8;
ihdr[9] = 6;
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', ihdr),
  chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
fs.mkdirSync('resources', { recursive: true });
fs.writeFileSync('resources/icon.png', png);
console.log(`resources/icon.png ${png.length} bytes`);
