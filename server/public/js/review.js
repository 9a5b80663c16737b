// @ts-check
// Review page: tooltip for marked names and keyboard navigation inside the document. The
// document is one tab stop (its marks have tabindex=-1): inside it ←/→ move from name to name,
// n/p from issue to issue, Home/End to the first and last name. The single-key shortcuts n/p
// work only while the document has focus and can be turned off (WCAG 2.1.4); the choice is kept.
// Enter on a name (or a click) opens its concept.
// Progressive enhancement only: without this file the page still works (title tooltips,
// issue links). Built with textContent and CSSOM only (no innerHTML, no inline style markup).
(() => {
  const found = { doc: document.getElementById('review-document'), tip: document.getElementById('review-tooltip') };
  if (!found.doc || !found.tip) return;
  const { doc, tip } = /** @type {{ doc: HTMLElement, tip: HTMLElement }} */ (found);
  const { t } = window.termbridge;
  const keysOn = /** @type {HTMLInputElement | null} */ (document.getElementById('review-keys-on'));
  const KEYS_PREF = 'termbridge.review.singleKeys';
  if (keysOn) {
    keysOn.checked = localStorage.getItem(KEYS_PREF) !== 'off';
    keysOn.addEventListener('change', () => localStorage.setItem(KEYS_PREF, keysOn.checked ? 'on' : 'off'));
  }

  /** @param {string} selector @returns {HTMLElement[]} */
  const marksOf = (selector) => Array.from(doc.querySelectorAll(selector)).filter((e) => e instanceof HTMLElement);
  const marks = () => marksOf('mark.tb-term');
  // The custom tooltip replaces the native one (keep the text for it in a data attribute).
  for (const m of marks()) {
    if (m.title) {
      m.dataset.title = m.title;
      m.removeAttribute('title');
    }
  }

  /** @param {string} text @param {string} className @param {string} [lang] */
  function line(text, className, lang) {
    const p = document.createElement('p');
    p.textContent = text;
    if (className) p.className = className;
    if (lang) p.lang = lang;
    tip.appendChild(p);
  }

  // Tooltip data is rendered once per distinct name/issue set; marks point to it by data-tip.
  /** @type {Map<string, DOMStringMap>} */
  const tips = new Map();
  for (const data of document.querySelectorAll('#review-tips [data-k]'))
    if (data instanceof HTMLElement) tips.set(data.dataset.k ?? '', data.dataset);

  /** @param {HTMLElement} markEl */
  function show(markEl) {
    const mark = { dataset: { ...markEl.dataset, ...(tips.get(markEl.dataset.tip ?? '') || {}) } };
    tip.replaceChildren();
    const english = mark.dataset.english || mark.dataset.term || '';
    const head = document.createElement('p');
    head.className = 'tip-english';
    const strong = document.createElement('strong');
    strong.textContent = english;
    head.appendChild(strong);
    if (mark.dataset.status && mark.dataset.status !== 'preferred') head.append(` · ${t('status', { status: mark.dataset.status })}`);
    tip.appendChild(head);
    if (mark.dataset.term && mark.dataset.term !== english)
      line(t('js.review.glossaryTerm', { term: mark.dataset.term, lang: mark.dataset.lang }), 'tip-term');
    for (const f of (mark.dataset.forms || '').split('\n')) if (f) line(f, 'tip-form');
    // the issues as the server worded them for this page, in its language
    for (const i of (mark.dataset.issues || '').split('\n')) if (i) line(i, 'tip-issue');
    if (markEl.dataset.href) line(t('js.review.open'), 'tip-open');
    tip.hidden = false;
    const r = markEl.getBoundingClientRect();
    tip.style.left = `${Math.max(4, Math.min(window.scrollX + r.left, window.scrollX + document.documentElement.clientWidth - tip.offsetWidth - 4))}px`;
    tip.style.top = `${window.scrollY + r.bottom + 6}px`;
  }

  function hide() {
    tip.hidden = true;
  }

  /** @param {Event} e @returns {HTMLElement | null} */
  const markAt = (e) => {
    const m = e.target instanceof Element ? e.target.closest('mark.tb-term') : null;
    return m instanceof HTMLElement ? m : null;
  };
  doc.addEventListener('mouseover', (e) => {
    const m = markAt(e);
    if (m) show(m);
  });
  doc.addEventListener('mouseout', (e) => {
    const m = markAt(e);
    if (m && !(e.relatedTarget instanceof Node && m.contains(e.relatedTarget))) hide();
  });
  doc.addEventListener('focusin', (e) => {
    const m = markAt(e);
    if (m) show(m);
  });
  doc.addEventListener('focusout', hide);

  /**
   * Move the focus to the next (+1) or previous (-1) of these marks, wrapping around.
   * @param {HTMLElement[]} list
   * @param {1 | -1} direction
   */
  function step(list, direction) {
    if (!list.length) return;
    const active = document.activeElement;
    const current = active instanceof HTMLElement ? list.indexOf(active) : -1;
    let next;
    if (current >= 0) next = (current + direction + list.length) % list.length;
    else {
      // From the document itself (or a name that is not in the list): the nearest in reading order.
      const from = document.activeElement instanceof Element && doc.contains(document.activeElement) ? document.activeElement : null;
      const after = from && from !== doc ? list.findIndex((m) => from.compareDocumentPosition(m) & Node.DOCUMENT_POSITION_FOLLOWING) : -1;
      if (direction > 0) next = Math.max(after, 0);
      else next = (after > 0 ? after : list.length) - 1;
    }
    focusMark(list[next]);
  }

  /** @param {HTMLElement | undefined} mark */
  function focusMark(mark) {
    if (!mark) return;
    mark.focus();
    mark.scrollIntoView({ block: 'nearest' });
  }

  // Keys act only inside the document: elsewhere n and p are letters like any other.
  doc.addEventListener('keydown', (e) => {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const all = marks();
    if (e.key === 'Escape') return hide();
    if (e.key === 'Enter') {
      const m = markAt(e);
      if (m?.dataset.href) window.location.assign(m.dataset.href);
      return;
    }
    if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') step(all, e.key === 'ArrowRight' ? 1 : -1);
    else if (e.key === 'Home') focusMark(all[0]);
    else if (e.key === 'End') focusMark(all[all.length - 1]);
    else if ((e.key === 'n' || e.key === 'p') && (!keysOn || keysOn.checked)) step(marksOf('mark.tb-has-issue'), e.key === 'n' ? 1 : -1);
    else return;
    e.preventDefault();
  });

  // Each name links to its concept (data-href: an <a> would nest inside the document's own
  // links). A click that ends a text selection is a selection, not a visit.
  doc.addEventListener('click', (e) => {
    const m = markAt(e);
    if (!m?.dataset.href || (e.target instanceof Element && e.target.closest('a[href]'))) return;
    const selection = window.getSelection();
    if (selection && !selection.isCollapsed) return;
    window.location.assign(m.dataset.href);
  });

  // A name followed from the side list (#m-…) takes the focus, so the keys go on from there.
  window.addEventListener('hashchange', () => {
    const target = location.hash.startsWith('#m-') ? document.getElementById(location.hash.slice(1)) : null;
    if (target && doc.contains(target)) target.focus();
  });
})();
