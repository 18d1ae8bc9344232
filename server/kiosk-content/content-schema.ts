// The kiosk's editable content (触摸查询): per-service guides (办事指南), a legal-knowledge Q&A library and
// the center's service commitments. Every text has a Chinese original and an English version, because
// the kiosk's English mode must switch every visible string.
import { z } from 'zod';
import type { KioskContentKind } from '../domain/kiosk-content.js';

const zh = (max: number) => z.string().trim().min(1, '不能为空 / must not be empty').max(max);
const en = (max: number) => z.string().trim().min(1, '英文不能为空 / must not be empty (the English version is required)').max(max);
const slug = z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, '须为 1–40 位小写字母、数字或 - / must be 1–40 lowercase letters, digits or -');

export const guideSchema = z.object({
  serviceId: z.string().min(1).max(40),
  /** Who the service is for (适用对象). */
  audience: zh(400),
  audienceEn: en(800),
  /** The procedure, one step per entry (办理流程). */
  steps: z.array(zh(200)).min(1, '至少一步 / needs at least one step').max(12),
  stepsEn: z.array(en(400)).min(1, '至少一步 / needs at least one step').max(12),
  /** Time limit to conclude (限时办结). */
  timeLimit: zh(200),
  timeLimitEn: en(400),
  /** Fees (收费标准); legal aid is free. */
  fees: zh(200),
  feesEn: en(400),
  free: z.boolean(),
}).refine((g) => g.steps.length === g.stepsEn.length, { message: '英文步骤数须与中文相同 / must have as many English steps as Chinese steps', path: ['stepsEn'] });

export const guidesSchema = z.array(guideSchema).max(50);

export const qaLibrarySchema = z.object({
  categories: z.array(z.object({ id: slug, name: zh(20), nameEn: en(40) })).min(1).max(20),
  items: z.array(z.object({
    id: slug,
    category: slug,
    question: zh(200),
    questionEn: en(400),
    answer: zh(2000),
    answerEn: en(4000),
  })).max(300),
}).superRefine((lib, ctx) => {
  const cats = new Set(lib.categories.map((c) => c.id));
  const seen = new Set<string>();
  lib.items.forEach((item, i) => {
    if (!cats.has(item.category)) ctx.addIssue({ code: 'custom', path: ['items', i, 'category'], message: `无此分类 / unknown category "${item.category}"` });
    if (seen.has(item.id)) ctx.addIssue({ code: 'custom', path: ['items', i, 'id'], message: `编号重复 / duplicate id "${item.id}"` });
    seen.add(item.id);
  });
});

export const commitmentsSchema = z.array(z.object({ id: slug, title: zh(30), titleEn: en(60), body: zh(600), bodyEn: en(1200) })).min(1).max(20);

export const CONTENT_SCHEMAS = { guides: guidesSchema, qa: qaLibrarySchema, commitments: commitmentsSchema } as const satisfies Record<KioskContentKind, z.ZodType>;
export type ContentKind = KioskContentKind;
export type ContentOf<K extends ContentKind> = z.output<(typeof CONTENT_SCHEMAS)[K]>;
export type Guide = z.output<typeof guideSchema>;
export type QaLibrary = z.output<typeof qaLibrarySchema>;
export type Commitments = z.output<typeof commitmentsSchema>;
