// The configuration in force, its hash (sent back as If-Match so two admins cannot overwrite each
// other), and a save that reloads it and reports the changes in words.
import { useCallback, useEffect, useState } from 'react';
import type { ApplyResult } from './config-client.js';
import type { Outcome } from './Feedback.js';
import { announceSaved, describeChanges, describeError, type PageContext } from './page-context.js';

export type Item = Record<string, unknown> & { id: string };

export interface CenterConfig {
  center: Record<string, unknown>;
  rules: Record<string, unknown>;
  retention: { personalDataDays: number };
  services: Item[];
  windows: Item[];
  kiosks: Item[];
  notices: string[];
  [section: string]: unknown;
}

export function useConfig(page: PageContext) {
  const [config, setConfig] = useState<CenterConfig>();
  const [hash, setHash] = useState<string>();
  const [outcome, setOutcome] = useState<Outcome>();
  const load = useCallback(async () => {
    const r = await page.api.get<{ config: CenterConfig; configHash: string }>('/api/v1/config');
    setConfig(r.config);
    setHash(r.configHash);
  }, [page.api]);
  useEffect(() => {
    load().catch((err: Error) => setOutcome({ ok: false, text: err.message }));
  }, [load]);

  /** Runs a change; true when it was applied. */
  const save = useCallback(
    async (method: 'PUT' | 'DELETE', path: string, body?: unknown): Promise<boolean> => {
      try {
        const r = await page.api.call<ApplyResult>(method, path, body, hash);
        setOutcome({ ok: true, text: page.t('saved', { what: describeChanges(page.t, r.changes) }) });
        await load();
        announceSaved();
        return true;
      } catch (err) {
        setOutcome({ ok: false, text: describeError(page.t, err) });
        return false;
      }
    },
    [page, hash, load],
  );
  return { config, hash, outcome, setOutcome, save, reload: load };
}

/** Form values as strings, trimmed; empty fields left out. */
export function formValues(form: HTMLFormElement): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of new FormData(form)) if (typeof v === 'string' && v.trim() !== '') out[k] = v.trim();
  return out;
}

export const lines = (text: string | undefined) => (text ?? '').split('\n').map((l) => l.trim()).filter(Boolean);
export const num = (text: string | undefined) => (text === undefined ? undefined : Number(text));

/** The item without `id` and without the keys set to undefined (the path names the item). */
export function body(item: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(item)) if (k !== 'id' && v !== undefined) out[k] = v;
  return out;
}
