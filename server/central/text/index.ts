// Lookup of the city dashboard's words: zh-CN first, English second.
import { en } from './en.js';
import { zhCN, type TextKey } from './zh-CN.js';

export type Lang = 'zh-CN' | 'en';
export type { TextKey };

const TABLES: Record<Lang, Record<TextKey, string>> = { 'zh-CN': zhCN, en };

export function text(lang: Lang, key: TextKey, params: Record<string, string | number> = {}): string {
  return TABLES[lang][key].replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}
