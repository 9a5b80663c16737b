// Search-as-you-type for the home page. Without JavaScript the form is a plain GET to /?q=
// and the server renders the same list; this script only updates it from /api/lookup while
// the translator types, and adds keyboard choice (↑/↓/Enter) and copy buttons.
(() => {
  const form = document.getElementById('lookup-form');
  const input = document.getElementById('q');
  const list = document.getElementById('lookup-results');
  const status = document.getElementById('lookup-status');
  if (!form || !input || !list || !status) return;

  const DEBOUNCE_MS = 120;
  const LIMIT = 10;
  let labels = {};
  try {
    labels = JSON.parse(list.dataset.langLabels || '{}');
  } catch {
    labels = {};
  }

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
  }

  function el(tag, className, text) {
    const e = document.createElement(tag);
    if (className) e.className = className;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function copyButton(text) {
    const b = el('button', 'copy', 'Copy');
    b.type = 'button';
    b.dataset.copy = text;
    return b;
  }

  function renderResult(r, i) {
    const li = el('li', 'lookup-result');
    li.id = `lookup-result-${i}`;
    li.setAttribute('role', 'option');
    li.setAttribute('aria-selected', 'false');
    li.dataset.id = String(r.id);
    li.dataset.conceptId = r.conceptId;
    const head = el('div', 'lookup-head');
    const a = el('a', 'lookup-title', r.english || r.matched);
    a.href = `/concepts/${encodeURIComponent(r.id)}`;
    const matched = el('span', 'muted lookup-matched', 'matched ');
    matched.append(el('span', 'matched-text', r.matched));
    head.append(a, matched);
    const groups = el('div', 'lookup-groups');
    let group = null;
    let lang = null;
    for (const t of r.terms) {
      if (t.lang !== lang) {
        lang = t.lang;
        group = el('div', 'lookup-group');
        group.lang = t.lang;
        group.append(el('span', 'lookup-lang', labels[t.lang] || t.lang), el('ul', 'lookup-terms'));
        groups.append(group);
      }
      const term = el('li', `term status-${t.status}`);
      const text = el('span', 'term-text', t.text);
      text.lang = t.lang;
      const badge = el('span', `badge status-${t.status}`, t.status);
      badge.title = t.status;
      term.append(text, badge, copyButton(t.text));
      group.lastChild.append(term);
    }
    li.append(head, groups);
    return li;
  }

  function render(query, results) {
    shownQuery = query;
    list.replaceChildren(...results.map(renderResult));
    input.setAttribute('aria-expanded', String(results.length > 0));
    if (!query) status.textContent = '';
    else if (!results.length) status.textContent = `No concept matches “${query}”.`;
    else status.textContent = `${results.length} result${results.length === 1 ? '' : 's'} for “${query}”.`;
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
      status.textContent = 'Lookup failed; press Enter to search again.';
      return;
    }
    const body = await res.json();
    if (input.value.trim() === query) render(query, body.results || []);
  }

  function refresh() {
    clearTimeout(timer);
    const query = input.value.trim();
    pending = fetchResults(query).catch((e) => {
      if (e && e.name !== 'AbortError') status.textContent = 'Lookup failed; press Enter to search again.';
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

  list.addEventListener('click', async (event) => {
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
    button.textContent = 'Copied';
    button.classList.add('copied');
    setTimeout(() => {
      button.textContent = 'Copy';
      button.classList.remove('copied');
    }, 1500);
  });

  list.addEventListener('mousemove', (event) => {
    const li = event.target.closest('.lookup-result');
    if (li) setActive(items().indexOf(li));
  });

  // Server-rendered results: show their copy buttons and select the first.
  for (const b of list.querySelectorAll('button.copy')) b.hidden = false;
  setActive(items().length ? 0 : -1);
})();
