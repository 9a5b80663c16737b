import { Router } from 'express';
import { ConceptRepository } from '../../db/concepts.ts';
import type { Database } from '../../db/connection.ts';
import type { LookupResult } from '../../glossary/lookup/index.ts';
import { localeOf } from '../i18n/middleware.ts';
import { lookupQuerySchema } from '../schemas/lookup.ts';
import { lookup } from '../services/lookup.ts';

/** One lookup result as the page shows it: terms grouped by language/region, in display order. */
function resultView(r: LookupResult) {
  const groups: { lang: string; terms: LookupResult['terms'] }[] = [];
  for (const t of r.terms) {
    const last = groups[groups.length - 1];
    if (last && last.lang === t.lang) last.terms.push(t);
    else groups.push({ lang: t.lang, terms: [t] });
  }
  const langOf = (text: string) => r.terms.find((t) => t.text === text)?.lang ?? '';
  return { ...r, label: r.english ?? r.matched, labelLang: r.english ? 'en' : langOf(r.matched), matchedLang: langOf(r.matched), groups };
}

/**
 * The home page: the translator's lookup box. With `?q=` it renders the results itself, so
 * the page works as a plain GET form; lookup.js then takes over and updates the same list
 * from /api/lookup as the translator types.
 */
export function homePage(db: Database): Router {
  const concepts = new ConceptRepository(db);
  const router = Router();
  router.get('/', (req, res) => {
    const parsed = lookupQuerySchema.safeParse(req.query);
    const { q, limit } = parsed.success ? parsed.data : { q: '', limit: undefined };
    const query = q.trim();
    const answer = query ? lookup(db, query, limit ?? 10) : { results: [], didYouMean: [] };
    res.render('pages/home', {
      title: localeOf(res).t('title.lookup'),
      scripts: ['/static/js/lookup.js'],
      styles: ['/static/lookup.css'],
      q: query,
      searched: query !== '',
      results: answer.results.map(resultView),
      didYouMean: answer.didYouMean.map((d) => ({ ...d, href: `/?q=${encodeURIComponent(d.query)}` })),
      conceptCount: concepts.count(),
    });
  });
  return router;
}
