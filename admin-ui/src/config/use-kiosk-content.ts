// The kiosk content (guides, Q&A, commitments) as the admin edits it: each kind with its hash (sent back
// as If-Match, so two admins cannot overwrite each other) and its last change; a save that reports the
// changes in words, or keeps the refused field so the form shows the hub's message next to it.
import { useCallback, useEffect, useState } from 'react';
import { ApiFailure, type ApplyResult } from './config-client.js';
import type { Outcome } from './Feedback.js';
import { announceSaved, describeChanges, describeError, type PageContext } from './page-context.js';

export interface Guide { serviceId: string; audience: string; audienceEn: string; steps: string[]; stepsEn: string[]; timeLimit: string; timeLimitEn: string; fees: string; feesEn: string; free: boolean }
export interface QaCategory { id: string; name: string; nameEn: string }
export interface QaItem { id: string; category: string; question: string; questionEn: string; answer: string; answerEn: string }
export interface QaLibrary { categories: QaCategory[]; items: QaItem[] }
export interface Commitment { id: string; title: string; titleEn: string; body: string; bodyEn: string }

export interface KindState<T> { content: T; contentHash: string; changedAt: string | null; changedBy: string | null }
export interface ContentOverview { guides: KindState<Guide[]>; qa: KindState<QaLibrary>; commitments: KindState<Commitment[]> }
export type ContentKind = keyof ContentOverview;

/** A refused save's field, as the hub names it in the document sent (`[2].stepsEn`, `items[5].answer`). */
export interface FieldError { field: string; message: string }

export function useKioskContent(page: PageContext, report: (o: Outcome | undefined) => void) {
  const [overview, setOverview] = useState<ContentOverview>();
  const [fieldError, setFieldError] = useState<FieldError>();
  const load = useCallback(async () => setOverview(await page.api.get<ContentOverview>('/api/v1/kiosk/content')), [page.api]);
  useEffect(() => {
    load().catch((err: Error) => report({ ok: false, text: err.message }));
  }, [load, report]);

  /** Runs a save (content or configuration); true when it was applied, then reloads with `reload`. */
  const apply = useCallback(async (call: () => Promise<ApplyResult>, reload: () => Promise<unknown>): Promise<boolean> => {
    try {
      const r = await call();
      setFieldError(undefined);
      report({ ok: true, text: page.t('saved', { what: describeChanges(page.t, r.changes) }) });
      await reload();
      announceSaved();
      return true;
    } catch (err) {
      setFieldError(err instanceof ApiFailure && err.field ? { field: err.field, message: err.message.replace(`${err.field}: `, '') } : undefined);
      report({ ok: false, text: describeError(page.t, err) });
      return false;
    }
  }, [page, report]);

  /** Replaces one kind's document, as loaded (If-Match) — a save meanwhile by someone else is a 409. */
  const saveKind = useCallback(<K extends ContentKind>(kind: K, content: ContentOverview[K]['content']) =>
    apply(() => page.api.call<ApplyResult>('PUT', `/api/v1/kiosk/${kind}`, content, overview?.[kind].contentHash), load), [apply, page.api, overview, load]);

  return { overview, fieldError, clearFieldError: () => setFieldError(undefined), apply, saveKind };
}
