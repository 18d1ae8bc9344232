// What an edit of kiosk content records as "what changed": items by their id (guides by service),
// the fields touched, a move as one order change, and nothing for an unchanged document.
import { expect, it } from 'vitest';
import { diffContent } from '../../server/kiosk-content/content-diff.js';
import { DEFAULT_COMMITMENTS, DEFAULT_GUIDES, DEFAULT_QA } from '../../server/kiosk-content/default-content.js';

it('an unchanged document changes nothing', () => {
  expect(diffContent('guides', DEFAULT_GUIDES, structuredClone(DEFAULT_GUIDES))).toEqual([]);
  expect(diffContent('qa', DEFAULT_QA, structuredClone(DEFAULT_QA))).toEqual([]);
});

it('guides are keyed by their service: removed, updated with the fields touched', () => {
  const next = DEFAULT_GUIDES.filter((g) => g.serviceId !== 'special').map((g) => (g.serviceId === 'notary' ? { ...g, fees: '见收费公示', free: true } : g));
  expect(diffContent('guides', DEFAULT_GUIDES, next)).toEqual([
    { section: 'guides', id: 'notary', action: 'updated', fields: ['fees', 'free'] },
    { section: 'guides', id: 'special', action: 'removed' },
  ]);
});

it('Q&A: categories and items apart; a move is one order change', () => {
  const [first, second, ...rest] = DEFAULT_QA.items;
  const next = { categories: [...DEFAULT_QA.categories, { id: 'housing', name: '房屋租赁', nameEn: 'Housing' }], items: [second!, first!, ...rest] };
  expect(diffContent('qa', DEFAULT_QA, next)).toEqual([
    { section: 'qa-categories', id: 'housing', action: 'added' },
    { section: 'qa', action: 'updated', fields: ['order'] },
  ]);
});

it('commitments: added and removed by id', () => {
  const next = [...DEFAULT_COMMITMENTS.slice(1), { id: 'weekend', title: '周末预约', titleEn: 'Weekends', body: '周六上午可预约。', bodyEn: 'Saturday mornings by appointment.' }];
  expect(diffContent('commitments', DEFAULT_COMMITMENTS, next)).toEqual([
    { section: 'commitments', id: 'weekend', action: 'added' },
    { section: 'commitments', id: DEFAULT_COMMITMENTS[0]!.id, action: 'removed' },
  ]);
});
