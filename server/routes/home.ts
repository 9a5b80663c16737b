import { Router } from 'express';
import { ConceptRepository } from '../../db/concepts.ts';
import type { Database } from '../../db/connection.ts';
import { CHINESE_LOCALES, langLabel } from '../../glossary/concept/lang.ts';
import type { LookupResult } from '../../glossary/lookup/index.ts';
import { lookupQuerySchema } from '../schemas/lookup.ts';
import { lookup } from '../services/lookup.ts';

/** One lookup result as the page shows it: terms grouped by language/region, in display order. */
function resultView(r: LookupResult) {
  const groups: { lang: string; label: string; terms: LookupResult['terms'] }[] = [];
  for (const t of r.terms) {
    const last = groups[groups.length - 1];
    if (last && last.lang === t.lang) last.terms.push(t);
    else groups.push({ lang: t.lang, label: langLabel(t.lang), terms: [t] });
  }
  return { ...r, label: r.english ?? r.matched, groups };
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
    const results = query ? lookup(db, query, limit ?? 10).results.map(resultView) : [];
    // The script labels the groups it builds with the same names the server uses.
    const labels = Object.fromEntries(['en', ...CHINESE_LOCALES].map((tag) => [tag, langLabel(tag)]));
    res.render('pages/home', {
      title: 'Lookup',
      scripts: ['/static/js/lookup.js'],
      styles: ['/static/lookup.css'],
      q: query,
      searched: query !== '',
      results,
      langLabels: JSON.stringify(labels),
      conceptCount: concepts.count(),
    });
  });
  return router;
}
