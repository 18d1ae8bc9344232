// axe-core audits in the page, injected from node_modules (the version package.json pins).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';

const AXE = readFileSync(resolve(import.meta.dirname, '../../../node_modules/axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** Runs axe-core on the page as it is now; `rules` limits the run (e.g. the AAA contrast rule). */
export async function axe(page: Page, rules?: string[]): Promise<AxeViolation[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: AXE });
  return page.evaluate(async (only) => {
    const w = window as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: AxeViolation[] }> } };
    const opts = only ? { runOnly: { type: 'rule', values: only } } : { resultTypes: ['violations'] };
    const r = await w.axe.run(document, opts);
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) }));
  }, rules ?? null);
}

export const seriousOrWorse = (vs: AxeViolation[]) => vs.filter((v) => v.impact === 'serious' || v.impact === 'critical');

/** Serious and critical axe-core violations of the page as it is now. */
export const seriousViolations = async (page: Page): Promise<AxeViolation[]> => seriousOrWorse(await axe(page));
