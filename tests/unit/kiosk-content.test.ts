// Kiosk content and texts: the defaults validate, the schemas refuse half-translated content, staff
// names romanise for the English board, and the English texts cover every Chinese key and placeholder.
import { describe, expect, it } from 'vitest';
import { en } from '../../kiosk-ui/src/i18n/en.js';
import { translator } from '../../kiosk-ui/src/i18n/index.js';
import { zhCN } from '../../kiosk-ui/src/i18n/zh-CN.js';
import { commitmentsSchema, guidesSchema, qaLibrarySchema } from '../../server/kiosk-content/content-schema.js';
import { DEFAULT_COMMITMENTS, DEFAULT_GUIDES, DEFAULT_QA } from '../../server/kiosk-content/default-content.js';
import { latinName } from '../../server/kiosk-content/public-boards.js';
import { demoCenter } from '../../server/config/demo-center.js';

describe('default content', () => {
  it('validates, and has a guide for every demo service with legal aid free', () => {
    expect(guidesSchema.safeParse(DEFAULT_GUIDES).success).toBe(true);
    expect(qaLibrarySchema.safeParse(DEFAULT_QA).success).toBe(true);
    expect(commitmentsSchema.safeParse(DEFAULT_COMMITMENTS).success).toBe(true);
    expect(DEFAULT_GUIDES.map((g) => g.serviceId).sort()).toEqual(demoCenter().services.map((s) => s.id).sort());
    expect(DEFAULT_GUIDES.find((g) => g.serviceId === 'legal-aid')).toMatchObject({ free: true });
  });

  it('covers the required Q&A topics', () => {
    const cats = DEFAULT_QA.categories.map((c) => c.id);
    for (const c of ['labour', 'family', 'traffic', 'neighbour']) expect(DEFAULT_QA.items.some((i) => i.category === c), c).toBe(cats.includes(c));
  });
});

describe('schemas refuse incomplete content', () => {
  it('an English text is required, steps must pair up, categories must exist, ids must be unique', () => {
    const g = DEFAULT_GUIDES[0]!;
    expect(guidesSchema.safeParse([{ ...g, audienceEn: ' ' }]).error?.issues[0]?.path).toEqual([0, 'audienceEn']);
    expect(guidesSchema.safeParse([{ ...g, stepsEn: g.stepsEn.slice(1) }]).error?.issues[0]?.path).toEqual([0, 'stepsEn']);
    const item = DEFAULT_QA.items[0]!;
    expect(qaLibrarySchema.safeParse({ ...DEFAULT_QA, items: [{ ...item, category: 'x' }] }).error?.issues[0]?.path).toEqual(['items', 0, 'category']);
    expect(qaLibrarySchema.safeParse({ ...DEFAULT_QA, items: [item, item] }).error?.issues[0]?.path).toEqual(['items', 1, 'id']);
    expect(commitmentsSchema.safeParse([]).success).toBe(false);
  });
});

describe('names on the English staff board', () => {
  it('romanises Chinese names, compound surnames included, and leaves Latin names alone', () => {
    expect(latinName('周敏')).toBe('Zhou Min');
    expect(latinName('欧阳娜娜')).toBe('Ouyang Nana');
    expect(latinName('Anna Lee')).toBe('Anna Lee');
  });
});

describe('kiosk texts', () => {
  it('English has every key, no empty text and the same placeholders as Chinese', () => {
    const vars = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    expect(Object.keys(en).sort()).toEqual(Object.keys(zhCN).sort());
    for (const [key, zh] of Object.entries(zhCN)) {
      const english = en[key as keyof typeof zhCN];
      expect(english.trim(), key).not.toBe('');
      expect(vars(english), key).toEqual(vars(zh));
      expect(/[\u4e00-\u9fff]/.test(english) && key !== 'lang.switch', key).toBe(false);
    }
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(translator('zh-CN')('ticket.ahead', { count: 3 })).toBe('前面还有 3 人');
    expect(translator('en')('ticket.ahead', { count: 3 })).toBe('3 ahead of you');
    expect(translator('en')('ticket.ahead')).toBe('{count} ahead of you');
  });
});
