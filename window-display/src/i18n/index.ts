// Message lookup: zh-CN first, English second. Screens facing citizens show both; the console lets
// the staff member choose.
import { fill, type Lang } from '../../../ui-common/i18n.js';
import { en } from './en.js';
import { zhCN, type MessageKey } from './zh-CN.js';

export type { Lang, MessageKey };

const TABLES: Record<Lang, Record<MessageKey, string>> = { 'zh-CN': zhCN, en };

export function t(key: MessageKey, params: Record<string, string | number> = {}, lang: Lang = 'zh-CN'): string {
  return fill(TABLES[lang][key], params);
}

/** The English line under a Chinese one. */
export const tEn = (key: MessageKey, params: Record<string, string | number> = {}) => t(key, params, 'en');

/** A `|`-separated list message as an array (quick picks). */
export const list = (key: MessageKey, lang: Lang = 'zh-CN') => t(key, {}, lang).split('|');
