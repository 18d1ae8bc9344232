// t(): the admin's texts in the chosen language, with `{name}` placeholders filled in.
import { createContext, useContext } from 'react';
import { translator as translateIn, type Lang, type Vars } from '../../../ui-common/i18n.js';
import { en } from './en.js';
import { zhCN, type MessageKey } from './zh-CN.js';

export type { Lang, MessageKey };
export type Translate = (key: MessageKey, vars?: Vars) => string;

const TABLES: Record<Lang, Record<MessageKey, string>> = { 'zh-CN': zhCN, en };

export const translator = (lang: Lang): Translate => translateIn(TABLES, lang);

/** A key built from data (a rating, a status); unknown values fall back to the raw value. */
export function tOr(t: Translate, key: string, fallback: string): string {
  return key in TABLES['zh-CN'] ? t(key as MessageKey) : fallback;
}

export const I18n = createContext<{ lang: Lang; t: Translate; setLang: (lang: Lang) => void }>({ lang: 'zh-CN', t: translator('zh-CN'), setLang: () => {} });
export const useI18n = () => useContext(I18n);
