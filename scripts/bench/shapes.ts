import { conceptFromInput } from '../../glossary/concept/concept.ts';
import type { Concept, ConceptInput } from '../../glossary/concept/types.ts';
import { generateGlossary, pick, seededRandom, toConcepts } from './synthetic.ts';

/**
 * The three term shapes the build benchmark runs on (issue 14): a build that is linear on one
 * shape can be quadratic on another, so each is generated at full size.
 * - `names`: transliterated names (synthetic.ts), short CJK strings sharing many prefixes;
 * - `codes`: catalogue-like data — `SN0`, `SN1`, …, `Synthetic Name 5`, `合成名称12` — a few
 *   shared stems fanning out into numeric suffixes (the shape that once took 90 s);
 * - `titles`: long multi-word organisation titles in English and Chinese sharing long word
 *   sequences (`Ministry of Foreign Affairs of …`, `…外交部`).
 */
export const SHAPES = ['names', 'codes', 'titles'] as const;
export type Shape = (typeof SHAPES)[number];

/** About `terms` terms of one shape, as stored concepts (ids 1…n). */
export function shapeConcepts(shape: Shape, terms: number, seed = 20261125): Concept[] {
  if (shape === 'names') {
    // The name generator makes about 3.3 terms per concept.
    return toConcepts(generateGlossary({ count: Math.ceil(terms / 3.3), seed }));
  }
  const inputs = shape === 'codes' ? codeInputs(Math.ceil(terms / 4)) : titleInputs(Math.ceil(terms / 4), seed);
  return inputs.map((input, i) => conceptFromInput(input, i + 1, i * 4 + 1));
}

function codeInputs(count: number): ConceptInput[] {
  const out: ConceptInput[] = [];
  for (let i = 0; i < count; i++) {
    out.push({
      externalId: `code-${i}`,
      terms: [
        { text: `SN${i}`, lang: 'en', status: 'preferred' },
        { text: `Synthetic Name ${i}`, lang: 'en', status: 'admitted' },
        { text: `合成名称${i}`, lang: 'zh-CN', status: 'preferred' },
        { text: `合成名稱${i}`, lang: 'zh-TW', status: 'preferred' },
      ],
    });
  }
  return out;
}

const EN_BODIES = [
  'Ministry',
  'Department',
  'Office',
  'Commission',
  'Council',
  'Agency',
  'Committee',
  'Bureau',
  'Authority',
  'Institute',
] as const;
const EN_FIELDS = [
  'Foreign Affairs',
  'Public Health',
  'Agriculture and Rural Development',
  'Transport and Infrastructure',
  'Environmental Protection',
  'Science and Technology',
  'Education and Culture',
  'Trade and Industry',
  'Energy and Natural Resources',
  'Labour and Social Security',
  'Justice and Human Rights',
  'Water Resources',
] as const;
const ZH_BODIES = ['部', '司', '办公室', '委员会', '理事会', '署', '委员会办公厅', '局', '管理局', '研究所'] as const;
const ZH_FIELDS = [
  '外交',
  '公共卫生',
  '农业与农村发展',
  '交通与基础设施',
  '环境保护',
  '科学技术',
  '教育文化',
  '贸易工业',
  '能源与自然资源',
  '劳动和社会保障',
  '司法与人权',
  '水利',
] as const;
const EN_PLACES = ['Northern', 'Southern', 'Eastern', 'Western', 'Central', 'Coastal', 'Upper', 'Lower'] as const;
const ZH_PLACES = ['北部', '南部', '东部', '西部', '中部', '沿海', '上游', '下游'] as const;

/** Long titles: body, field, region and a district number keep each one unique. */
function titleInputs(count: number, seed: number): ConceptInput[] {
  const rnd = seededRandom(seed);
  const out: ConceptInput[] = [];
  for (let i = 0; i < count; i++) {
    const b = Math.floor(rnd() * EN_BODIES.length);
    const f = Math.floor(rnd() * EN_FIELDS.length);
    const p = Math.floor(rnd() * EN_PLACES.length);
    const district = i + 1;
    const en = `${EN_BODIES[b]} of ${EN_FIELDS[f]} of the ${EN_PLACES[p]} Region District ${district}`;
    const zh = `第${district}区${ZH_PLACES[p]}地区${ZH_FIELDS[f]}${ZH_BODIES[b]}`;
    out.push({
      externalId: `org-${i}`,
      terms: [
        { text: en, lang: 'en', status: 'preferred' },
        { text: `${pick(rnd, EN_PLACES)} ${EN_FIELDS[f]} ${EN_BODIES[b]} No. ${district}`, lang: 'en', status: 'admitted' },
        { text: zh, lang: 'zh-CN', status: 'preferred' },
        { text: `${ZH_PLACES[p]}${ZH_FIELDS[f]}${ZH_BODIES[b]}第${district}分支机构`, lang: 'zh-CN', status: 'admitted' },
      ],
    });
  }
  return out;
}
