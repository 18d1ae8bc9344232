// A streaming scanner shared by the serial frame formats (SAM, FF68): both start with a fixed
// preamble and carry a length field. It resynchronises after garbage, reports bad frames as values
// (never throws) and can expire a frame that stopped arriving. It keeps no timer: callers pass `now`.

export type HeaderVerdict = { length: number } | { error: string } | 'need-more';

export interface FrameFormat<F> {
  preamble: Uint8Array;
  /** Reads the header of `buf` (which starts with the preamble): total frame length, or why it is impossible. */
  frameLength(buf: Uint8Array): HeaderVerdict;
  /** Checks a complete frame (checksum, end byte) and turns it into a value. */
  decode(frame: Uint8Array): { frame: F } | { error: string };
}

export type ScanEvent<F> =
  | { kind: 'frame'; frame: F; raw: Uint8Array }
  | { kind: 'error'; error: string; raw: Uint8Array };

export class FrameScanner<F> {
  private buf: Uint8Array = new Uint8Array(0);
  /** When the first byte of the frame now at the head of the buffer arrived. */
  private frameStartedAt: number | undefined;

  constructor(private readonly format: FrameFormat<F>) {}

  /** True while part of a frame is buffered and waiting for the rest. */
  get pending(): boolean {
    return this.frameStartedAt !== undefined;
  }

  push(chunk: Uint8Array, now = 0): ScanEvent<F>[] {
    const joined = new Uint8Array(this.buf.length + chunk.length);
    joined.set(this.buf, 0);
    joined.set(chunk, this.buf.length);
    this.buf = joined;
    return this.scan(now);
  }

  /** Drops a frame that started more than `timeoutMs` ago and is still incomplete, then rescans. */
  expire(now: number, timeoutMs: number): ScanEvent<F>[] {
    if (this.frameStartedAt === undefined || now - this.frameStartedAt < timeoutMs) return [];
    const raw = this.buf;
    // Skip just the first preamble byte: a complete frame may follow inside the stale bytes.
    this.buf = this.buf.subarray(1);
    this.frameStartedAt = undefined;
    return [{ kind: 'error', error: 'timeout: truncated frame', raw }, ...this.scan(now)];
  }

  reset(): void {
    this.buf = new Uint8Array(0);
    this.frameStartedAt = undefined;
  }

  private scan(now: number): ScanEvent<F>[] {
    const events: ScanEvent<F>[] = [];
    const { preamble } = this.format;
    for (;;) {
      const start = indexOf(this.buf, preamble);
      if (start < 0) {
        // Keep a tail that could be the beginning of a preamble split across chunks.
        const keep = partialPreambleTail(this.buf, preamble);
        this.buf = this.buf.subarray(this.buf.length - keep);
        this.frameStartedAt = undefined;
        return events;
      }
      if (start > 0) {
        this.buf = this.buf.subarray(start);
        this.frameStartedAt = undefined;
      }
      const header = this.format.frameLength(this.buf);
      if (header === 'need-more') return this.waiting(events, now);
      if ('error' in header) {
        events.push({ kind: 'error', error: header.error, raw: this.buf.subarray(0, preamble.length) });
        this.skipOne();
        continue;
      }
      if (this.buf.length < header.length) return this.waiting(events, now);
      const raw = this.buf.slice(0, header.length);
      const decoded = this.format.decode(raw);
      if ('error' in decoded) {
        events.push({ kind: 'error', error: decoded.error, raw });
        // A corrupt length may have swallowed the next frame: resume right after this preamble byte.
        this.skipOne();
        continue;
      }
      events.push({ kind: 'frame', frame: decoded.frame, raw });
      this.buf = this.buf.subarray(header.length);
      this.frameStartedAt = undefined;
    }
  }

  private waiting(events: ScanEvent<F>[], now: number): ScanEvent<F>[] {
    this.frameStartedAt ??= now;
    return events;
  }

  private skipOne(): void {
    this.buf = this.buf.subarray(1);
    this.frameStartedAt = undefined;
  }
}

export function indexOf(haystack: Uint8Array, needle: Uint8Array, from = 0): number {
  outer: for (let i = from; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

/** Length of the longest suffix of `buf` that is a proper prefix of `preamble`. */
function partialPreambleTail(buf: Uint8Array, preamble: Uint8Array): number {
  for (let n = Math.min(preamble.length - 1, buf.length); n > 0; n--) {
    let match = true;
    for (let j = 0; j < n; j++) {
      if (buf[buf.length - n + j] !== preamble[j]) {
        match = false;
        break;
      }
    }
    if (match) return n;
  }
  return 0;
}
