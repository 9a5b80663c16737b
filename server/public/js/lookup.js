// @ts-check
/** @typedef {import('./api').LookupResult} LookupResult */
// Search-as-you-type for the home page. Without JavaScript the form is a plain GET to /?q=
// and the server renders the same list; this script only updates it from /api/lookup while
// the translator types, and adds keyboard choice (↑/↓/Enter) and copy buttons for the chosen
// result's forms. The buttons sit outside the listbox: an option holds no controls (ARIA).
(() => {
  const form = /** @type {HTMLFormElement | null} */ (document.getElementById('lookup-form'));
  if (!form) return;
  // the rest of the page comes with the form (views/pages/home.hbs)
  const input = /** @type {HTMLInputElement} */ (document.getElementById('q'));
  const list = /** @type {HTMLElement} */ (document.getElementById('lookup-results'));
  const status = /** @type {HTMLElement} */ (document.getElementById('lookup-status'));
  const copyBar = /** @type {HTMLElement} */ (document.getElementById('lookup-copy'));
  const suggestions = /** @type {HTMLElement} */ (document.getElementById('lookup-suggestions'));
  const { t } = window.termbridge;

  // Without script the results are a plain list of links. With it they become the listbox of a
  // combobox: the input keeps the focus and ↑/↓ move the choice. An option holds no focusable
  // content, so each title link becomes plain text that opens the concept on Enter or a click.
  input.setAttribute('role', 'combobox');
  input.setAttribute('aria-controls', list.id);
  input.setAttribute('aria-autocomplete', 'list');
  input.setAttribute('aria-expanded', String(list.children.length > 0));
  list.setAttribute('role', 'listbox');
  /** @param {HTMLElement} li */
  const asOption = (li) => {
    li.setAttribute('role', 'option');
    li.setAttribute('aria-selected', 'false');
    for (const a of li.querySelectorAll('a.lookup-title')) {
      if (!(a instanceof HTMLElement)) continue;
      const title = el('span', 'lookup-title', a.textContent ?? '');
      title.lang = a.lang;
      a.replaceWith(title);
    }
    return li;
  };
  for (const li of items()) asOption(li);

  const DEBOUNCE_MS = 120;
  const LIMIT = 10;

  let active = -1;
  let shownQuery = input.value.trim();
  let timer = 0;
  /** @type {AbortController | null} */
  let controller = null;
  /** resolves once the list shows the results for the input's current value */
  let pending = Promise.resolve();

  /** @returns {HTMLElement[]} */
  function items() {
    return Array.from(list.querySelectorAll('.lookup-result')).filter((e) => e instanceof HTMLElement);
  }

  /** @param {number} i */
  function setActive(i) {
    const all = items();
    active = all.length ? Math.max(0, Math.min(i, all.length - 1)) : -1;
    all.forEach((li, j) => {
      li.classList.toggle('active', j === active);
      li.setAttribute('aria-selected', String(j === active));
    });
    const chosen = all[active];
    if (chosen) {
      input.setAttribute('aria-activedescendant', chosen.id);
      chosen.scrollIntoView({ block: 'nearest' });
    } else input.removeAttribute('aria-activedescendant');
    showCopyBar(chosen);
  }

  /** Copy buttons for every form of the chosen result. @param {HTMLElement | undefined} li */
  function showCopyBar(li) {
    if (!li) {
      copyBar.hidden = true;
      copyBar.replaceChildren();
      return;
    }
    const label = li.querySelector('.lookup-title')?.textContent ?? '';
    const buttons = Array.from(li.querySelectorAll('.term-text'), (span) =>
      copyButton(span.textContent ?? '', span.getAttribute('lang') ?? ''),
    );
    copyBar.replaceChildren(el('span', 'lookup-copy-label', t('js.lookup.copyFor', { label })), ...buttons);
    copyBar.hidden = false;
  }

  /**
   * @param {string} tag
   * @param {string} className
   * @param {string} [text]
   */
  function el(tag, className, text) {
    const e = document.createElement(tag);
    if (className) e.className = className;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  /** @param {string} text @param {string} lang */
  function copyButton(text, lang) {
    const b = /** @type {HTMLButtonElement} */ (el('button', 'copy', text));
    b.type = 'button';
    b.lang = lang;
    b.dataset.copy = text;
    b.setAttribute('aria-label', t('js.lookup.copy', { text }));
    return b;
  }

  /** The language of one of a result's forms (the matched text is one of them, or pinyin). */
  /** @param {LookupResult} r @param {string} text */
  function langOf(r, text) {
    return r.terms.find((term) => term.text === text)?.lang ?? '';
  }

  /** @param {LookupResult} r @param {number} i */
  function renderResult(r, i) {
    const li = el('li', 'lookup-result');
    li.id = `lookup-result-${i}`;
    li.dataset.id = String(r.id);
    li.dataset.conceptId = r.conceptId;
    const head = el('div', 'lookup-head');
    const a = el('span', 'lookup-title', r.english || r.matched);
    a.lang = r.english ? 'en' : langOf(r, r.matched);
    const matched = el('span', 'muted lookup-matched', `${t('js.lookup.matched')} `);
    const matchedText = el('span', 'matched-text', r.matched);
    matchedText.lang = langOf(r, r.matched);
    matched.append(matchedText);
    head.append(a, matched, el('span', `lookup-how match-${r.match}`, t('js.lookup.how', { match: r.match, via: r.via })));
    if (r.subject) head.append(el('span', 'lookup-subject', t('subjectName', { subject: r.subject })));
    const groups = el('div', 'lookup-groups');
    /** @type {HTMLElement | null} the current language's list of terms */
    let terms = null;
    let lang = null;
    for (const term of r.terms) {
      if (!terms || term.lang !== lang) {
        lang = term.lang;
        const group = el('div', 'lookup-group');
        group.dataset.lang = term.lang;
        terms = el('ul', 'lookup-terms');
        group.append(el('span', 'lookup-lang', t('lang.label', { tag: term.lang })), terms);
        groups.append(group);
      }
      const item = el('li', `term status-${term.status}`);
      const text = el('span', 'term-text', term.text);
      text.lang = term.lang;
      item.append(text, el('span', `badge status-${term.status}`, t('status', { status: term.status })));
      terms.append(item);
    }
    li.append(head);
    // The definition and source tell apart two concepts of the same name (issue 17).
    if (r.definition) li.append(el('p', 'lookup-definition', r.definition));
    if (r.source) li.append(el('p', 'muted lookup-source', t('js.lookup.source', { source: r.source })));
    li.append(groups);
    return asOption(li);
  }

  /** @param {string} query @param {LookupResult[]} results @param {import('./api').LookupResponse['didYouMean']} [didYouMean] */
  function render(query, results, didYouMean = []) {
    shownQuery = query;
    list.replaceChildren(...results.map(renderResult));
    suggestions.replaceChildren(
      ...didYouMean.map((d) => {
        const li = el('li', '');
        const link = /** @type {HTMLAnchorElement} */ (el('a', '', d.query));
        link.href = `/?q=${encodeURIComponent(d.query)}`;
        link.dataset.query = d.query;
        li.append(link);
        return li;
      }),
    );
    suggestions.hidden = didYouMean.length === 0;
    input.setAttribute('aria-expanded', String(results.length > 0));
    if (!query) status.textContent = '';
    else if (didYouMean.length) status.textContent = t('js.lookup.didYouMean', { q: query });
    else if (!results.length) status.textContent = t('js.lookup.none', { q: query });
    else status.textContent = t('js.lookup.results', { n: results.length, q: query });
    setActive(results.length ? 0 : -1);
    const url = query ? `/?q=${encodeURIComponent(query)}` : '/';
    history.replaceState(null, '', url);
  }

  /** @param {string} query */
  async function fetchResults(query) {
    if (controller) controller.abort();
    if (!query) {
      render('', []);
      return;
    }
    controller = new AbortController();
    const res = await fetch(`/api/lookup?q=${encodeURIComponent(query)}&limit=${LIMIT}`, {
      headers: { accept: 'application/json' },
      signal: controller.signal,
    });
    if (!res.ok) {
      status.textContent = t('js.lookup.failed');
      return;
    }
    const body = /** @type {import('./api').LookupResponse} */ (await res.json());
    if (input.value.trim() === query) render(query, body.results || [], body.didYouMean || []);
  }

  function refresh() {
    clearTimeout(timer);
    const query = input.value.trim();
    pending = fetchResults(query).catch((e) => {
      if (e && e.name !== 'AbortError') status.textContent = t('js.lookup.failed');
    });
    return pending;
  }

  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(refresh, DEBOUNCE_MS);
  });

  input.addEventListener('keydown', async (event) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      setActive(active + (event.key === 'ArrowDown' ? 1 : -1));
    } else if (event.key === 'Enter') {
      event.preventDefault();
      // Enter right after typing: wait for the results of what is in the box, not the last shown.
      if (input.value.trim() !== shownQuery) await refresh();
      else await pending;
      const chosen = items()[Math.max(active, 0)];
      if (chosen) window.location.assign(`/concepts/${encodeURIComponent(chosen.dataset.id ?? '')}`);
      else form.submit();
    } else if (event.key === 'Escape') {
      setActive(-1);
    }
  });

  copyBar.addEventListener('click', async (event) => {
    const button = event.target instanceof Element ? event.target.closest('button.copy') : null;
    if (!(button instanceof HTMLButtonElement)) return;
    const text = button.dataset.copy || '';
    try {
      await navigator.clipboard.writeText(text);
    } catch {
      // Older browsers, or a page not served from a secure origin: copy through a selection.
      const area = document.createElement('textarea');
      area.value = text;
      document.body.append(area);
      area.select();
      document.execCommand('copy');
      area.remove();
    }
    button.textContent = t('js.lookup.copied');
    button.classList.add('copied');
    setTimeout(() => {
      button.textContent = text;
      button.classList.remove('copied');
    }, 1500);
  });

  // A suggestion searches for it in place (the link is the no-script fallback).
  suggestions.addEventListener('click', (event) => {
    const link = event.target instanceof Element ? event.target.closest('a[data-query]') : null;
    if (!(link instanceof HTMLAnchorElement)) return;
    event.preventDefault();
    input.value = link.dataset.query ?? '';
    input.focus();
    refresh();
  });

  // A click on a result (outside its link) chooses it; hovering does not, so that the pointer
  // can travel to the copy buttons without changing the choice on its way.
  list.addEventListener('click', (event) => {
    const target = event.target instanceof Element ? event.target : null;
    const li = target?.closest('.lookup-result');
    if (!(li instanceof HTMLElement)) return;
    if (target?.closest('.lookup-title')) window.location.assign(`/concepts/${encodeURIComponent(li.dataset.id ?? '')}`);
    else setActive(items().indexOf(li));
  });

  // Server-rendered results: select the first.
  setActive(items().length ? 0 : -1);
})();
