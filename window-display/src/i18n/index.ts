// Message lookup: zh-CN first, English second. Screens facing citizens show both; the console lets
// the staff member choose.
import { en } from './en.js';
import { zhCN, type MessageKey } from './zh-CN.js';

export type Lang = 'zh-CN' | 'en';
export type { MessageKey };

const TABLES: Record<Lang, Record<MessageKey, string>> = { 'zh-CN': zhCN, en };

export function t(key: MessageKey, params: Record<string, string | number> = {}, lang: Lang = 'zh-CN'): string {
  return TABLES[lang][key].replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

/** The English line under a Chinese one. */
export const tEn = (key: MessageKey, params: Record<string, string | number> = {}) => t(key, params, 'en');

/** A `|`-separated list message as an array (quick picks). */
export const list = (key: MessageKey, lang: Lang = 'zh-CN') => t(key, {}, lang).split('|');
