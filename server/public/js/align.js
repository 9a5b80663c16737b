// @ts-check
/** @typedef {import('./api').AlignResponse} AlignResponse */
/** @typedef {import('./api').AlignRequest} AlignRequest */
/** @typedef {import('./api').Bead} Bead */
/** @typedef {import('./api').MatchView} MatchView */
// The alignment page: align two texts through POST /api/align, render the pairs side by
// side with glossary names highlighted and QA issues inline, let the reviewer fix a wrong
// pair (merge with the next one, split off a sentence) and re-run QA, download TMX.
// Everything user-supplied goes into the page through textContent, never innerHTML.
(() => {
  const form = /** @type {HTMLFormElement | null} */ (document.getElementById('align-form'));
  const zhInput = /** @type {HTMLTextAreaElement | null} */ (document.getElementById('align-zh'));
  const enInput = /** @type {HTMLTextAreaElement | null} */ (document.getElementById('align-en'));
  if (!form || !zhInput || !enInput) return;
  // the rest of the page comes with the form (views/pages/align.hbs)
  const results = /** @type {HTMLElement} */ (document.getElementById('align-results'));
  const rowsBody = /** @type {HTMLElement} */ (document.getElementById('align-rows'));
  const summary = /** @type {HTMLElement} */ (document.getElementById('align-summary'));
  const status = /** @type {HTMLElement} */ (document.getElementById('align-status'));
  const tmxButton = /** @type {HTMLButtonElement} */ (document.getElementById('align-tmx'));
  const plotFigure = /** @type {HTMLElement} */ (document.getElementById('align-plot'));
  const plotSvg = /** @type {SVGSVGElement | null} */ (document.querySelector('#align-plot-svg'));
  const plotDots = /** @type {SVGGElement | null} */ (document.querySelector('#align-plot-dots'));
  const plotFrame = /** @type {SVGRectElement | null} */ (document.querySelector('#align-plot-svg .plot-frame'));
  const csrf = document.querySelector('meta[name="csrf-token"]')?.getAttribute('content') ?? '';
  const { t, refusal, locale } = window.termbridge;
  const alternatives = new Intl.ListFormat(locale, { type: 'disjunction' });

  /**
   * A QA issue in the page's language, from its kind and values (as server/i18n/align-wording.ts
   * does for the page drawn without script); the API's `message` is English.
   * @param {import('./api').QaIssue} issue
   */
  function issueSentence(issue) {
    const p = issue.params;
    /** @param {string} text */
    const quote = (text) => t('js.align.quote', { text });
    return t('js.align.issue', {
      type: issue.type,
      written: quote(p.written),
      used: p.used === undefined ? '' : quote(p.used),
      other: p.other ?? '',
      hasOther: p.other === undefined ? 'no' : 'yes',
      expected: alternatives.format(p.expected.map(quote)),
      hasExpected: p.expected.length ? 'yes' : 'no',
      count: p.count ?? 0,
    });
  }

  /** the texts the current result belongs to (the textareas may have been edited since) @type {{ zh: string, en: string }} */
  let texts = { zh: '', en: '' };
  /** @type {AlignResponse | null} */
  let result = null;

  /** @param {AlignRequest} body */
  const post = (body) =>
    fetch('/api/align', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-csrf-token': csrf },
      body: JSON.stringify(body),
    });

  /** @param {Bead[] | null} beads */
  async function run(beads) {
    status.textContent = beads ? t('js.align.checking') : t('js.align.aligning');
    const body = beads ? { ...texts, beads } : texts;
    let res;
    try {
      res = await post(body);
    } catch {
      status.textContent = t('js.align.unreachable');
      return;
    }
    const data = /** @type {(AlignResponse & import('./api').ApiError) | null} */ (await res.json().catch(() => null));
    if (!res.ok || !data) {
      status.textContent = refusal(data?.error, t('js.align.failed', { status: res.status }));
      return;
    }
    result = data;
    render(data);
    const n = data.summary.issues;
    status.textContent = t('js.align.done', { pairs: data.summary.pairs, issues: n.missing + n.wrong + n.forbidden + n.inconsistent });
  }

  /**
   * @param {AlignResponse} result
   * @param {string} text
   * @param {MatchView[]} matches
   * @param {Set<string>} flagged
   */
  function sentenceNode(result, text, matches, flagged) {
    const span = document.createElement('span');
    span.className = 'sentence';
    let at = 0;
    for (const m of matches) {
      if (m.start < at) continue;
      if (m.start > at) span.append(text.slice(at, m.start));
      const mark = document.createElement('mark');
      mark.className = `term status-${m.status}${flagged.has(`${m.start}:${m.end}`) ? ' flagged' : ''}`;
      mark.dataset.concept = String(m.conceptId);
      const concept = result.concepts[m.conceptId];
      if (concept)
        mark.title = concept.english.length
          ? t('js.align.english', { label: concept.label, english: concept.english.join(' / ') })
          : concept.label;
      mark.textContent = text.slice(m.start, m.end);
      span.append(mark);
      at = m.end;
    }
    if (at < text.length) span.append(text.slice(at));
    return span;
  }

  /**
   * @param {string} label
   * @param {string} action
   * @param {number} index
   * @param {boolean} disabled
   */
  function button(label, action, index, disabled) {
    const b = document.createElement('button');
    b.type = 'button';
    b.textContent = label;
    b.dataset.action = action;
    b.dataset.pair = String(index);
    b.disabled = disabled;
    return b;
  }

  /** @type {readonly ('zh' | 'en')[]} */
  const SIDES = ['zh', 'en'];
  const SVG = 'http://www.w3.org/2000/svg';

  /**
   * The dot plot as the server computed it (glossary/align/plot.ts): each dot a link to its
   * row, a filled circle when confident, a hollow square when doubtful (the same marks as the
   * server-rendered page, views/pages/align.hbs).
   * @param {AlignResponse['plot']} plot
   */
  function renderPlot(plot) {
    if (!plotSvg || !plotDots || !plotFrame) return;
    plotSvg.setAttribute('viewBox', `-8 -8 ${plot.size + 16} ${plot.size + 16}`);
    plotFrame.setAttribute('width', String(plot.size));
    plotFrame.setAttribute('height', String(plot.size));
    plotDots.replaceChildren();
    for (const dot of plot.dots) {
      const kind = dot.doubtful ? 'doubtful' : 'sure';
      const a = document.createElementNS(SVG, 'a');
      a.setAttribute('href', `#pair-${dot.pair + 1}`);
      const title = document.createElementNS(SVG, 'title');
      title.textContent = t(dot.doubtful ? 'js.align.plot.doubtfulDot' : 'js.align.plot.sureDot', { number: dot.pair + 1 });
      const use = document.createElementNS(SVG, 'use');
      use.setAttribute('class', `plot-dot ${kind}`);
      use.setAttribute('href', `#plot-mark-${kind}`);
      use.setAttribute('x', String(dot.x));
      use.setAttribute('y', String(dot.y));
      a.append(title, use);
      plotDots.append(a);
    }
    plotFigure.hidden = false;
  }

  /** @param {AlignResponse} result */
  function render(result) {
    rowsBody.replaceChildren();
    result.pairs.forEach((pair, k) => {
      /** @type {Record<'zh' | 'en', Map<number, Set<string>>>} */
      const flagged = { zh: new Map(), en: new Map() };
      for (const issue of pair.issues) {
        for (const side of SIDES) {
          const span = issue[side];
          if (!span) continue;
          const set = flagged[side].get(span.sentence) ?? new Set();
          flagged[side].set(span.sentence, set);
          set.add(`${span.start}:${span.end}`);
        }
      }
      const tr = document.createElement('tr');
      tr.id = `pair-${k + 1}`;
      tr.className = `pair${pair.issues.length ? ' has-issues' : ''}`;
      tr.dataset.pair = String(k);
      const num = document.createElement('td');
      num.className = 'num';
      num.textContent = String(k + 1);
      tr.append(num);
      for (const side of SIDES) {
        const td = document.createElement('td');
        td.lang = side;
        for (const i of pair[side])
          td.append(
            sentenceNode(result, result.sentences[side][i] ?? '', result.matches[side][i] ?? [], flagged[side].get(i) ?? new Set()),
          );
        if (!pair[side].length) td.classList.add('empty');
        tr.append(td);
      }
      const issues = document.createElement('td');
      issues.className = 'issues';
      for (const issue of pair.issues) {
        const p = document.createElement('p');
        p.className = `issue issue-${issue.type}`;
        const strong = document.createElement('strong');
        strong.textContent = t('js.issueType', { type: issue.type });
        p.append(strong, ' ', issueSentence(issue));
        issues.append(p);
      }
      const tools = document.createElement('div');
      tools.className = 'pair-tools';
      tools.append(
        button(t('js.align.merge'), 'merge', k, k === result.pairs.length - 1),
        button(t('js.align.splitZh'), 'split-zh', k, pair.zh.length < 2 && !(pair.zh.length === 1 && pair.en.length > 0)),
        button(t('js.align.splitEn'), 'split-en', k, pair.en.length < 2 && !(pair.en.length === 1 && pair.zh.length > 0)),
      );
      issues.append(tools);
      tr.append(issues);
      rowsBody.append(tr);
    });
    renderPlot(result.plot);
    const n = result.summary.issues;
    summary.textContent = t('js.align.summary', { pairs: result.summary.pairs, ...n });
    results.hidden = false;
    tmxButton.hidden = false;
  }

  /** @param {AlignResponse} result @returns {Bead[]} */
  const beadsOf = (result) => result.pairs.map((p) => ({ zh: [...p.zh], en: [...p.en] }));

  // Fixing a pair: every bead layout can be reached with these three moves. Split moves the
  // last sentence of one side into a new pair of its own, right after this one.
  rowsBody.addEventListener('click', (event) => {
    const target = event.target;
    if (!(target instanceof HTMLButtonElement) || !target.dataset.action || !result) return;
    const k = Number(target.dataset.pair);
    const beads = beadsOf(result);
    const pair = beads[k];
    if (!pair) return;
    if (target.dataset.action === 'merge' && beads[k + 1]) {
      const next = beads[k + 1];
      beads.splice(k, 2, { zh: [...pair.zh, ...next.zh], en: [...pair.en, ...next.en] });
    } else if (target.dataset.action === 'split-zh' && pair.zh.length) {
      const last = /** @type {number} */ (pair.zh.pop());
      beads.splice(k + 1, 0, { zh: [last], en: [] });
    } else if (target.dataset.action === 'split-en' && pair.en.length) {
      const last = /** @type {number} */ (pair.en.pop());
      beads.splice(k + 1, 0, { zh: [], en: [last] });
    } else return;
    run(beads.filter((b) => b.zh.length || b.en.length));
  });

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    texts = { zh: zhInput.value, en: enInput.value };
    run(null);
  });

  tmxButton.addEventListener('click', async () => {
    if (!result) return;
    const res = await post({ ...texts, beads: beadsOf(result), format: 'tmx' }).catch(() => null);
    if (!res?.ok) {
      status.textContent = t('js.align.tmxFailed');
      return;
    }
    const url = URL.createObjectURL(await res.blob());
    const a = document.createElement('a');
    a.href = url;
    a.download = 'alignment.tmx';
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  });

  for (const input of form.querySelectorAll('input[type="file"][data-target]')) {
    if (!(input instanceof HTMLInputElement)) continue;
    input.addEventListener('change', () => {
      const file = input.files?.[0];
      const target = document.getElementById(input.dataset.target ?? '');
      if (!file || !(target instanceof HTMLTextAreaElement)) return;
      const reader = new FileReader();
      reader.onload = () => {
        target.value = String(reader.result ?? '');
      };
      reader.readAsText(file);
    });
  }
})();
