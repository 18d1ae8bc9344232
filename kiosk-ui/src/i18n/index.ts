// t(): the kiosk's texts in the chosen language, with `{name}` placeholders filled in.
import { createContext, createElement, Fragment, useContext, type ReactNode } from 'react';
import { translator as translateIn, type Lang, type Vars } from '../../../ui-common/i18n.js';
import { en } from './en.js';
import { zhCN, type MessageKey } from './zh-CN.js';

export type { Lang, MessageKey };
export type Translate = (key: MessageKey, vars?: Vars) => string;

const TABLES: Record<Lang, Record<MessageKey, string>> = { 'zh-CN': zhCN, en };

export const translator = (lang: Lang): Translate => translateIn(TABLES, lang);

/** Picks the Chinese or English field of bilingual content; English falls back to Chinese when missing. */
export function pick(lang: Lang, zh: string, english: string | null | undefined): string {
  return lang === 'en' && english ? english : zh;
}

export const I18n = createContext<{ lang: Lang; t: Translate }>({ lang: 'zh-CN', t: translator('zh-CN') });
export const useI18n = () => useContext(I18n);

/** Bilingual content: English when there is an English text, else the Chinese original marked as such. */
export function Bi({ zh, en: english }: { zh: string; en: string | null | undefined }): ReactNode {
  const { lang } = useI18n();
  if (lang === 'en' && english) return createElement(Fragment, null, english);
  return lang === 'en' ? createElement('span', { lang: 'zh-CN' }, zh) : createElement(Fragment, null, zh);
}

/** Names and other data entered in Chinese: marked so English mode (and screen readers) know. */
export function Zh({ children }: { children: ReactNode }): ReactNode {
  return createElement('span', { lang: 'zh-CN' }, children);
}
