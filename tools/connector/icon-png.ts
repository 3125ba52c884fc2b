import { deflateSync, inflateSync } from 'node:zlib';
import { CONNECTOR } from './connector-identity';

const SIZE = 230;
const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

/** CRC-32 (ISO-HDLC), as PNG chunks and zip entries use it. */
export function crc32(data: Uint8Array): number {
  let c = 0xffffffff;
  for (const byte of data) c = (CRC_TABLE[(c ^ byte) & 0xff] as number) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** A PNG of 8-bit RGB pixels (`rgb` is width × height × 3 bytes, row by row). */
export function encodePng(width: number, height: number, rgb: Uint8Array): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8 bits, truecolour, deflate, no filter method, no interlace
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) raw.set(rgb.subarray(y * width * 3, (y + 1) * width * 3), y * (width * 3 + 1) + 1);
  return Buffer.concat([SIGNATURE, chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

/** Reads back what {@link encodePng} wrote: size and pixels (for tests; checks every chunk's CRC). */
export function decodePng(png: Buffer): { width: number; height: number; rgb: Buffer } {
  if (!png.subarray(0, 8).equals(SIGNATURE)) throw new Error('not a PNG');
  let offset = 8;
  let width = 0;
  let height = 0;
  const idat: Buffer[] = [];
  while (offset < png.length) {
    const length = png.readUInt32BE(offset);
    const type = png.toString('ascii', offset + 4, offset + 8);
    const data = png.subarray(offset + 8, offset + 8 + length);
    if (png.readUInt32BE(offset + 8 + length) !== crc32(png.subarray(offset + 4, offset + 8 + length))) throw new Error(`bad CRC in ${type}`);
    if (type === 'IHDR') [width, height] = [data.readUInt32BE(0), data.readUInt32BE(4)];
    if (type === 'IDAT') idat.push(data);
    offset += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const rgb = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    if (raw[y * (width * 3 + 1)] !== 0) throw new Error('only filter type 0 is written');
    raw.copy(rgb, y * width * 3, y * (width * 3 + 1) + 1, (y + 1) * (width * 3 + 1));
  }
  return { width, height, rgb };
}

type Box = readonly [number, number, number, number];

const inRoundedRect = (x: number, y: number, [x0, y0, x1, y1]: Box, r: number): boolean => {
  if (x < x0 || x > x1 || y < y0 || y > y1) return false;
  const cx = Math.min(Math.max(x, x0 + r), x1 - r);
  const cy = Math.min(Math.max(y, y0 + r), y1 - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
};

const nearSegment = (x: number, y: number, [ax, ay, bx, by]: Box, halfWidth: number): boolean => {
  const [dx, dy] = [bx - ax, by - ay];
  const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
  return (x - (ax + t * dx)) ** 2 + (y - (ay + t * dy)) ** 2 <= halfWidth * halfWidth;
};

/** The glyph: a calendar page with a check mark, white on the brand colour. */
function isGlyph(x: number, y: number): boolean {
  const outline = inRoundedRect(x, y, [50, 62, 180, 178], 14) && !inRoundedRect(x, y, [60, 72, 170, 168], 6);
  const header = inRoundedRect(x, y, [50, 62, 180, 96], 14) && y <= 96;
  const rings = inRoundedRect(x, y, [78, 44, 94, 78], 6) || inRoundedRect(x, y, [136, 44, 152, 78], 6);
  const check = nearSegment(x, y, [84, 133, 106, 154], 7) || nearSegment(x, y, [106, 154, 148, 112], 7);
  return outline || header || rings || check;
}

/**
 * The connector's icon.png: 230 × 230, a white calendar with a check mark on the brand colour
 * (Power Platform shows icons on `iconBrandColor`). Edges are anti-aliased by 4 × 4 supersampling.
 */
export function connectorIcon(): Buffer {
  const brand = [1, 3, 5].map((i) => parseInt(CONNECTOR.brandColor.slice(i, i + 2), 16)) as [number, number, number];
  const rgb = new Uint8Array(SIZE * SIZE * 3);
  for (let y = 0; y < SIZE; y++) {
    for (let x = 0; x < SIZE; x++) {
      let hits = 0;
      for (let sy = 0; sy < 4; sy++) for (let sx = 0; sx < 4; sx++) if (isGlyph(x + (sx + 0.5) / 4, y + (sy + 0.5) / 4)) hits++;
      const cover = hits / 16;
      for (let c = 0; c < 3; c++) rgb[(y * SIZE + x) * 3 + c] = Math.round(brand[c as 0 | 1 | 2] * (1 - cover) + 255 * cover);
    }
  }
  return encodePng(SIZE, SIZE, rgb);
}
