// USB HID pads and keypads that enumerate as a boot keyboard (shared/PROTOCOLS.md §4): 8-byte
// reports [modifiers, reserved, key1..key6]. Usages 0x1E–0x21 (1–4) and keypad 0x59–0x5C (1–4)
// are the pad's keys. Presses are edge-triggered: a key held over many reports counts once.

export type PadKey = '1' | '2' | '3' | '4';

const KEY_BY_USAGE: Record<number, PadKey> = {
  0x1e: '1', 0x1f: '2', 0x20: '3', 0x21: '4',
  0x59: '1', 0x5a: '2', 0x5b: '3', 0x5c: '4',
};
/** Usage 0x01 in every slot: too many keys down (phantom state); such a report says nothing. */
const ERROR_ROLL_OVER = 0x01;
export const BOOT_REPORT_BYTES = 8;

export class BootKeyboardDecoder {
  private held = new Set<number>();

  /** The pad keys newly pressed in this report; reports of another size are ignored. */
  push(report: Uint8Array): PadKey[] {
    if (report.length !== BOOT_REPORT_BYTES) return [];
    const usages = Array.from(report.subarray(2)).filter((u) => u !== 0);
    if (usages.includes(ERROR_ROLL_OVER)) return [];
    const now = new Set(usages);
    const pressed: PadKey[] = [];
    for (const u of usages) {
      const key = KEY_BY_USAGE[u];
      if (key && !this.held.has(u) && !pressed.includes(key)) pressed.push(key);
    }
    this.held = now;
    return pressed;
  }

  reset(): void {
    this.held.clear();
  }
}

/** A report with these usages down, for tests and virtual devices. */
export function bootReport(...usages: number[]): Uint8Array {
  const report = new Uint8Array(BOOT_REPORT_BYTES);
  usages.slice(0, 6).forEach((u, i) => (report[2 + i] = u));
  return report;
}
