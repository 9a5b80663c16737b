import { type Response, Router } from 'express';
import type { Database } from '../../db/connection.ts';
import type { DocumentAlignment, MatchView } from '../../glossary/align/document-alignment.ts';
import { qaIssueSentence } from '../i18n/align-wording.ts';
import { translate } from '../i18n/catalogue.ts';
import type { UiLocale } from '../i18n/locales.ts';
import { localeOf } from '../i18n/middleware.ts';
import { describeZodIssues } from '../i18n/problems.ts';
import { alignFormSchema } from '../schemas/align.ts';
import { offload } from '../services/offload.ts';

/** A sentence cut into plain and highlighted pieces, so the view escapes every piece itself. */
interface Piece {
  text: string;
  mark: boolean;
  conceptId?: number;
  status?: string;
  title?: string;
  flagged?: boolean;
}

function pieces(
  text: string,
  matches: readonly MatchView[],
  flagged: ReadonlySet<string>,
  concepts: DocumentAlignment['concepts'],
  locale: UiLocale,
): Piece[] {
  const out: Piece[] = [];
  let at = 0;
  for (const m of matches) {
    if (m.start < at) continue;
    if (m.start > at) out.push({ text: text.slice(at, m.start), mark: false });
    const c = concepts[m.conceptId];
    out.push({
      text: text.slice(m.start, m.end),
      mark: true,
      conceptId: m.conceptId,
      status: m.status,
      // the same words as align.js draws
      title: c ? (c.english.length ? translate(locale, 'js.align.english', { label: c.label, english: c.english.join(' / ') }) : c.label) : '',
      flagged: flagged.has(`${m.start}:${m.end}`),
    });
    at = m.end;
  }
  if (at < text.length) out.push({ text: text.slice(at), mark: false });
  return out;
}

/** The page's view-model: one row per pair, each sentence in highlighted pieces. */
function alignmentRows(result: DocumentAlignment, locale: UiLocale) {
  return result.pairs.map((pair, k) => {
    const flaggedZh = new Map<number, Set<string>>();
    const flaggedEn = new Map<number, Set<string>>();
    for (const issue of pair.issues) {
      for (const [span, map] of [
        [issue.zh, flaggedZh],
        [issue.en, flaggedEn],
      ] as const) {
        if (!span) continue;
        let set = map.get(span.sentence);
        if (!set) {
          set = new Set();
          map.set(span.sentence, set);
        }
        set.add(`${span.start}:${span.end}`);
      }
    }
    return {
      index: k,
      number: k + 1,
      score: pair.score,
      zh: pair.zh.map((i) => ({
        index: i,
        pieces: pieces(result.sentences.zh[i]!, result.matches.zh[i]!, flaggedZh.get(i) ?? new Set(), result.concepts, locale),
      })),
      en: pair.en.map((j) => ({
        index: j,
        pieces: pieces(result.sentences.en[j]!, result.matches.en[j]!, flaggedEn.get(j) ?? new Set(), result.concepts, locale),
      })),
      issues: pair.issues.map((issue) => ({ type: issue.type, sentence: qaIssueSentence(issue, locale) })),
    };
  });
}

/** The dot plot's view-model: each dot with the number of the row it links to (`#pair-N`). */
function plotView(result: DocumentAlignment) {
  const { size, dots } = result.plot;
  // The viewBox has a margin of 8 units around the square, so a dot in a corner is whole.
  return { size, box: `${size + 16} ${size + 16}`, dots: dots.map((d) => ({ ...d, number: d.pair + 1 })) };
}

/** `/align`: the reviewer's side-by-side alignment with terminology QA. */
export function alignPages(db: Database): Router {
  const router = Router();
  const render = (res: Response, extra: Record<string, unknown>) =>
    res.render('pages/align', {
      title: localeOf(res).t('title.align'),
      scripts: ['/static/js/align.js'],
      styles: ['/static/align.css'],
      ...extra,
    });

  router.get('/', (_req, res) => {
    render(res, {});
  });

  // Without JavaScript the form posts here and the result is rendered on the server; with
  // it, align.js calls POST /api/align and renders the same rows (and lets the reviewer fix them).
  router.post('/', async (req, res) => {
    const form = alignFormSchema.safeParse(req.body ?? {});
    if (!form.success) {
      res.status(400);
      render(res, { zh: req.body?.zh ?? '', en: req.body?.en ?? '', error: describeZodIssues(form.error, localeOf(res)) });
      return;
    }
    const result = await offload(db, { kind: 'align', zh: form.data.zh, en: form.data.en });
    render(res, { zh: form.data.zh, en: form.data.en, rows: alignmentRows(result, localeOf(res).locale), plot: plotView(result), summary: result.summary });
  });
  return router;
}
