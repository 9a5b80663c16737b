// Search-as-you-type for the home page. Without JavaScript the form is a plain GET to /?q=
// and the server renders the same list; this script only updates it from /api/lookup while
// the translator types, and adds keyboard choice (↑/↓/Enter) and copy buttons for the chosen
// result's forms. The buttons sit outside the listbox: an option holds no controls (ARIA).
(() => {
  const form = document.getElementById('lookup-form');
  const input = document.getElementById('q');
  const list = document.getElementById('lookup-results');
  const status = document.getElementById('lookup-status');
  const copyBar = document.getElementById('lookup-copy');
  if (!form || !input || !list || !status || !copyBar) return;
  const { t } = window.termbridge;

  // Without script the results are a plain list of links. With it they become the listbox of a
  // combobox: the input keeps the focus and ↑/↓ move the choice. An option holds no focusable
  // content, so each title link becomes plain text that opens the concept on Enter or a click.
  input.setAttribute('role', 'combobox');
  input.setAttribute('aria-controls', list.id);
  input.setAttribute('aria-autocomplete', 'list');
  input.setAttribute('aria-expanded', String(list.children.length > 0));
  list.setAttribute('role', 'listbox');
  const asOption = (li) => {
    li.setAttribute('role', 'option');
    li.setAttribute('aria-selected', 'false');
    for (const a of li.querySelectorAll('a.lookup-title')) {
      const title = el('span', 'lookup-title', a.textContent ?? '');
      title.lang = a.lang;
      a.replaceWith(title);
    }
    return li;
  };
  for (const li of list.querySelectorAll('.lookup-result')) asOption(li);

  const DEBOUNCE_MS = 120;
  const LIMIT = 10;

  let active = -1;
  let shownQuery = input.value.trim();
  let timer = 0;
  let controller = null;
  /** resolves once the list shows the results for the input's current value */
  let pending = Promise.resolve();

  const items = () => Array.from(list.querySelectorAll('.lookup-result'));

  function setActive(i) {
    const all = items();
    active = all.length ? Math.max(0, Math.min(i, all.length - 1)) : -1;
    all.forEach((li, j) => {
      li.classList.toggle('active', j === active);
      li.setAttribute('aria-selected', String(j === active));
    });
    if (active >= 0) {
      input.setAttribute('aria-activedescendant', all[active].id);
      all[active].scrollIntoView({ block: 'nearest' });
    } else input.removeAttribute('aria-activedescendant');
    showCopyBar(all[active]);
  }

  /** Copy buttons for every form of the chosen result. */
  function showCopyBar(li) {
    if (!li) {
      copyBar.hidden = true;
      copyBar.replaceChildren();
      return;
    }
    const label = li.querySelector('.lookup-title')?.textContent ?? '';
    const buttons = Array.from(li.querySelectorAll('.term-text'), (span) => copyButton(span.textContent ?? '', span.lang));
    copyBar.replaceChildren(el('span', 'lookup-copy-label', t('js.lookup.copyFor', { label })), ...buttons);
    copyBar.hidden = false;
  }

  function el(tag, className, text) {
    const e = document.createElement(tag);
    if (className) e.className = className;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function copyButton(text, lang) {
    const b = el('button', 'copy', text);
    b.type = 'button';
    b.lang = lang;
    b.dataset.copy = text;
    b.setAttribute('aria-label', t('js.lookup.copy', { text }));
    return b;
  }

  /** The language of one of a result's forms (the matched text is one of them, or pinyin). */
  function langOf(r, text) {
    return r.terms.find((term) => term.text === text)?.lang ?? '';
  }

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
    head.append(a, matched);
    const groups = el('div', 'lookup-groups');
    let group = null;
    let lang = null;
    for (const term of r.terms) {
      if (term.lang !== lang) {
        lang = term.lang;
        group = el('div', 'lookup-group');
        group.dataset.lang = term.lang;
        group.append(el('span', 'lookup-lang', t('lang.label', { tag: term.lang })), el('ul', 'lookup-terms'));
        groups.append(group);
      }
      const item = el('li', `term status-${term.status}`);
      const text = el('span', 'term-text', term.text);
      text.lang = term.lang;
      item.append(text, el('span', `badge status-${term.status}`, t('status', { status: term.status })));
      group.lastChild.append(item);
    }
    li.append(head, groups);
    return asOption(li);
  }

  function render(query, results) {
    shownQuery = query;
    list.replaceChildren(...results.map(renderResult));
    input.setAttribute('aria-expanded', String(results.length > 0));
    if (!query) status.textContent = '';
    else if (!results.length) status.textContent = t('js.lookup.none', { q: query });
    else status.textContent = t('js.lookup.results', { n: results.length, q: query });
    setActive(results.length ? 0 : -1);
    const url = query ? `/?q=${encodeURIComponent(query)}` : '/';
    history.replaceState(null, '', url);
  }

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
    const body = await res.json();
    if (input.value.trim() === query) render(query, body.results || []);
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
      if (chosen) window.location.assign(`/concepts/${encodeURIComponent(chosen.dataset.id)}`);
      else form.submit();
    } else if (event.key === 'Escape') {
      setActive(-1);
    }
  });

  copyBar.addEventListener('click', async (event) => {
    const button = event.target.closest('button.copy');
    if (!button) return;
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

  // A click on a result (outside its link) chooses it; hovering does not, so that the pointer
  // can travel to the copy buttons without changing the choice on its way.
  list.addEventListener('click', (event) => {
    const li = event.target.closest('.lookup-result');
    if (!li) return;
    if (event.target.closest('.lookup-title')) window.location.assign(`/concepts/${encodeURIComponent(li.dataset.id)}`);
    else setActive(items().indexOf(li));
  });

  // Server-rendered results: select the first.
  setActive(items().length ? 0 : -1);
})();
