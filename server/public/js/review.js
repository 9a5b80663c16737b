// Review page: tooltip for marked names and n/p keyboard navigation between issues.
// Progressive enhancement only: without this file the page still works (title tooltips,
// issue links). Built with textContent and CSSOM only (no innerHTML, no inline style markup).
(() => {
  const doc = document.getElementById('review-document');
  const tip = document.getElementById('review-tooltip');
  if (!doc || !tip) return;

  const marks = () => Array.from(doc.querySelectorAll('mark.tb-term'));
  // The custom tooltip replaces the native one (keep the text for it in a data attribute).
  for (const m of marks()) {
    if (m.title) {
      m.dataset.title = m.title;
      m.removeAttribute('title');
    }
  }

  function line(text, className) {
    const p = document.createElement('p');
    p.textContent = text;
    if (className) p.className = className;
    tip.appendChild(p);
  }

  // Tooltip data is rendered once per distinct name/issue set; marks point to it by data-tip.
  const tips = new Map();
  for (const t of document.querySelectorAll('#review-tips [data-k]')) tips.set(t.dataset.k, t.dataset);

  function show(markEl) {
    const mark = { dataset: { ...markEl.dataset, ...(tips.get(markEl.dataset.tip) || {}) } };
    tip.replaceChildren();
    const english = mark.dataset.english || mark.dataset.term || '';
    const head = document.createElement('p');
    head.className = 'tip-english';
    const strong = document.createElement('strong');
    strong.textContent = english;
    head.appendChild(strong);
    if (mark.dataset.status && mark.dataset.status !== 'preferred') head.append(` · ${mark.dataset.status}`);
    tip.appendChild(head);
    if (mark.dataset.term && mark.dataset.term !== english) line(`Glossary term: ${mark.dataset.term} (${mark.dataset.lang})`, 'tip-term');
    for (const f of (mark.dataset.forms || '').split('\n')) if (f) line(f, 'tip-form');
    for (const i of (mark.dataset.issues || '').split('\n')) if (i) line(i, 'tip-issue');
    tip.hidden = false;
    const r = markEl.getBoundingClientRect();
    tip.style.left = `${Math.max(4, Math.min(window.scrollX + r.left, window.scrollX + document.documentElement.clientWidth - tip.offsetWidth - 4))}px`;
    tip.style.top = `${window.scrollY + r.bottom + 6}px`;
  }

  function hide() {
    tip.hidden = true;
  }

  doc.addEventListener('mouseover', (e) => {
    const m = e.target instanceof Element ? e.target.closest('mark.tb-term') : null;
    if (m) show(m);
  });
  doc.addEventListener('mouseout', (e) => {
    const m = e.target instanceof Element ? e.target.closest('mark.tb-term') : null;
    if (m && !m.contains(e.relatedTarget)) hide();
  });
  doc.addEventListener('focusin', (e) => {
    const m = e.target instanceof Element ? e.target.closest('mark.tb-term') : null;
    if (m) show(m);
  });
  doc.addEventListener('focusout', hide);

  // n / p: next / previous issue (not while typing in the form).
  document.addEventListener('keydown', (e) => {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const t = e.target;
    if (t instanceof HTMLElement && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
    if (e.key === 'Escape') return hide();
    if (e.key !== 'n' && e.key !== 'p') return;
    const issues = Array.from(doc.querySelectorAll('mark.tb-has-issue'));
    if (!issues.length) return;
    const current = issues.indexOf(document.activeElement);
    let next;
    if (e.key === 'n') next = current < 0 ? 0 : (current + 1) % issues.length;
    else next = current < 0 ? issues.length - 1 : (current - 1 + issues.length) % issues.length;
    e.preventDefault();
    issues[next].focus();
    issues[next].scrollIntoView({ block: 'center' });
  });
})();
