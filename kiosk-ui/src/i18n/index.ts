// t(): the kiosk's texts in the chosen language, with `{name}` placeholders filled in.
import { createContext, useContext } from 'react';
import { en } from './en.js';
import { zhCN, type MessageKey } from './zh-CN.js';

export type Lang = 'zh-CN' | 'en';
export type { MessageKey };
export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

const TABLES: Record<Lang, Record<MessageKey, string>> = { 'zh-CN': zhCN, en };

export function translator(lang: Lang): Translate {
  const table = TABLES[lang];
  return (key, vars) => table[key].replace(/\{(\w+)\}/g, (m, name: string) => (vars && name in vars ? String(vars[name]) : m));
}

/** Picks the Chinese or English field of bilingual content; English falls back to Chinese when missing. */
export function pick(lang: Lang, zh: string, english: string | null | undefined): string {
  return lang === 'en' && english ? english : zh;
}

export const I18n = createContext<{ lang: Lang; t: Translate }>({ lang: 'zh-CN', t: translator('zh-CN') });
export const useI18n = () => useContext(I18n);
