// GB18030 encoding restricted to what ticket printers print as text: ASCII and the two-byte area.
// Node ships a gb18030 *decoder* (ICU, WHATWG mapping) but no encoder. Rather than depend on
// iconv-lite (only present here as someone else's transitive dependency), the encoder table is
// built once, lazily, by decoding every two-byte code with that same decoder, so encoder and
// decoder agree by construction. Characters outside the two-byte area (four-byte codes: rare CJK
// extensions, emoji) and private-use code points become a replacement, never a corrupt sequence.

import { TextDecoder } from 'node:util';

let table: Map<number, number> | undefined;

function twoByteTable(): Map<number, number> {
  if (table) return table;
  const decoder = new TextDecoder('gb18030', { fatal: false });
  const map = new Map<number, number>();
  const trails: number[] = [];
  for (let t = 0x40; t <= 0xfe; t++) if (t !== 0x7f) trails.push(t);
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (const trail of trails) {
      const text = decoder.decode(Uint8Array.of(lead, trail));
      const unit = text.length === 1 ? text.charCodeAt(0) : -1;
      if (unit < 0x80 || unit === 0xfffd || isPrivateUse(unit)) continue;
      if (!map.has(unit)) map.set(unit, (lead << 8) | trail);
    }
  }
  table = map;
  return map;
}

function isPrivateUse(unit: number): boolean {
  return unit >= 0xe000 && unit <= 0xf8ff;
}

export interface Gb18030Options {
  /** Printed in place of a character that has no two-byte code; must be ASCII. Default '?'. */
  replacement?: string;
}

/**
 * Encodes text for the printer. Control characters other than LF become spaces so that text from
 * configuration (a service name, a materials line) can never smuggle ESC/POS commands in.
 */
export function encodeGb18030(text: string, options: Gb18030Options = {}): Uint8Array {
  const replacement = options.replacement ?? '?';
  if (!/^[\x20-\x7e]*$/.test(replacement)) throw new RangeError('replacement must be printable ASCII');
  const codes = twoByteTable();
  const out: number[] = [];
  for (const ch of text) {
    const cp = ch.codePointAt(0) as number;
    if (cp === 0x0a) out.push(cp);
    else if (cp < 0x20 || cp === 0x7f) out.push(0x20);
    else if (cp < 0x80) out.push(cp);
    else {
      const code = cp <= 0xffff ? codes.get(cp) : undefined;
      if (code === undefined) for (const c of replacement) out.push(c.charCodeAt(0));
      else out.push(code >> 8, code & 0xff);
    }
  }
  return Uint8Array.from(out);
}

/** True when every character of `text` prints as itself (ASCII or a two-byte GB18030 code). */
export function isPrintableGb18030(text: string): boolean {
  const codes = twoByteTable();
  for (const ch of text) {
    const cp = ch.codePointAt(0) as number;
    if (cp >= 0x80 && (cp > 0xffff || !codes.has(cp))) return false;
  }
  return true;
}

let decoder: TextDecoder | undefined;

export function decodeGb18030(bytes: Uint8Array): string {
  decoder ??= new TextDecoder('gb18030');
  return decoder.decode(bytes);
}
