// A connected pair of real ttys made by socat (devices/sim/socat-pair.ts): a driver opens one end, a
// simulator the other. Without socat the tests must fail loudly: scripts/system-deps.sh installs it.
import { SocatPair, hasSocat } from '../../../devices/sim/socat-pair.js';

export function requireSocat(): void {
  if (!hasSocat()) throw new Error('socat is not installed: the serial device tests need it (run scripts/system-deps.sh test)');
}

export const PtyPair = {
  async start(): Promise<SocatPair> {
    requireSocat();
    return SocatPair.start();
  },
};
export type PtyPair = SocatPair;
