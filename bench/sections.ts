// The benchmark sections beyond the hub core's, run by bench/run.ts after it, each in its own module.
// A section returns its figures as a JSON-able object (and starts whatever it needs itself).
import { centralBench } from './central.js';
import { configAuditBench } from './config-audit.js';
import { kioskBench } from './kiosk.js';
import { screensBench } from './screens.js';
import { devicesBench } from './devices.js';
import { reportsBench } from './reports.js';

export interface SectionContext {
  /** The project root (for dist/ and package.json). */
  root: string;
}

export type BenchSection = (ctx: SectionContext) => Promise<Record<string, unknown>>;

export const BENCH_SECTIONS: Record<string, BenchSection> = {
  central: centralBench,
  configAudit: configAuditBench,
  kiosk: kioskBench,
  screens: screensBench,
  devices: devicesBench,
  reports: reportsBench,
};
