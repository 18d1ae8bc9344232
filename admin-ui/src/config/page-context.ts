// What every configuration tab needs: texts in the page's language, the API client, and a way to say
// what a save did (the changes the hub reports, in words) or why it was refused (the field named).
import { createContext, useContext, useMemo } from 'react';
import { I18n } from '../i18n/index.js';
import { ApiFailure, client, type Change, type Client } from './config-client.js';
import { textOr, texts, type Lang, type T } from './texts.js';

export interface PageProps {
  /** Bearer token of the signed-in admin or director. */
  token?: string;
  lang?: Lang;
  /** The admin app's session (its configuration slot passes this instead of `token`). */
  session?: { token: string; role?: string };
}

export interface PageContext {
  t: T;
  lang: Lang;
  api: Client;
  role: string | undefined;
  /** A director sees the configuration; only the admin changes it. */
  readOnly: boolean;
}

export function usePage(props: PageProps): PageContext {
  const shell = useContext(I18n);
  const lang = props.lang ?? shell.lang;
  const token = props.token ?? props.session?.token ?? '';
  return useMemo(() => ({ t: texts(lang), lang, api: client(token), role: props.session?.role, readOnly: props.session?.role === 'director' }), [lang, token, props.session?.role]);
}

export const Page = createContext<PageContext | null>(null);

export function usePageContext(): PageContext {
  const ctx = useContext(Page);
  if (!ctx) throw new Error('configuration tab outside its page');
  return ctx;
}

/** Tells the other configuration pages on screen (the audit log) that something was saved. */
export const CONFIG_SAVED_EVENT = 'yichuang:config-saved';
export const announceSaved = () => window.dispatchEvent(new Event(CONFIG_SAVED_EVENT));

export function describeChanges(t: T, changes: Change[]): string {
  if (changes.length === 0) return t('saved.nothing');
  return changes
    .map((c) => {
      const section = textOr(t, `section.${c.section}`, c.section);
      const action = t(`action.${c.action}`);
      return [section, c.id, action, c.fields?.length ? `(${c.fields.join(', ')})` : ''].filter(Boolean).join(' ');
    })
    .join('；');
}

export function describeError(t: T, err: unknown): string {
  if (err instanceof ApiFailure && err.field) {
    const message = err.message.startsWith(`${err.field}: `) ? err.message.slice(err.field.length + 2) : err.message;
    return t('error.field', { field: err.field, message });
  }
  return (err as Error).message;
}
