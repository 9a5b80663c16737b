import * as OpenCC from 'opencc-js';
import { englishTerm } from './concept.ts';
import { CHINESE_LOCALES, type ChineseLocale } from './lang.ts';
import type { Concept, Term } from './types.ts';

/**
 * The form to use per locale (PRODUCT.md, "Data model"): the preferred term in that tag;
 * for zh-TW / zh-HK without one, the zh-CN preferred term converted by opencc-js and marked
 * derived (a guess, shown as such: conversion does not know regional names such as 貝爾格勒);
 * failing both, an admitted term in that tag. English: the concept's English name (englishTerm).
 */
export type FormLocale = ChineseLocale | 'en';

export interface RegionalForm {
  text: string;
  derived: boolean;
}

export type RegionalForms = Record<FormLocale, RegionalForm | null>;

let converters: Record<'zh-TW' | 'zh-HK', (s: string) => string> | undefined;
function convert(locale: 'zh-TW' | 'zh-HK', text: string): string {
  converters ??= { 'zh-TW': OpenCC.Converter({ from: 'cn', to: 'tw' }), 'zh-HK': OpenCC.Converter({ from: 'cn', to: 'hk' }) };
  return converters[locale](text);
}

function withStatus(terms: readonly Term[], lang: string, status: Term['status']): Term | undefined {
  return terms.find((t) => t.lang === lang && t.status === status);
}

export function regionalForms(concept: Pick<Concept, 'terms'>): RegionalForms {
  const { terms } = concept;
  const out = {} as RegionalForms;
  for (const locale of CHINESE_LOCALES) {
    const preferred = withStatus(terms, locale, 'preferred');
    if (preferred) {
      out[locale] = { text: preferred.text, derived: false };
      continue;
    }
    const cn = withStatus(terms, 'zh-CN', 'preferred');
    if (locale !== 'zh-CN' && cn) {
      out[locale] = { text: convert(locale, cn.text), derived: true };
      continue;
    }
    const admitted = withStatus(terms, locale, 'admitted');
    out[locale] = admitted ? { text: admitted.text, derived: false } : null;
  }
  // English is one language whatever the region tag: en, en-US and en-GB all name the concept.
  const en = englishTerm(terms);
  out.en = en ? { text: en.text, derived: false } : null;
  return out;
}
