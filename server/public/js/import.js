// @ts-check
/** @typedef {import('./api').ImportReport} ImportReport */
/** @typedef {import('./api').ImportJob} ImportJob */
// The import page: send the file to /api/import?async=1 (with ?dryRun=1 for a preview), poll
// the job for progress, then show the report. All file-derived text goes in via textContent.
(() => {
  const form = /** @type {HTMLFormElement | null} */ (document.getElementById('import-form'));
  if (!form) return;
  const csrf = document.querySelector('meta[name="csrf-token"]')?.getAttribute('content') ?? '';
  // the rest of the page comes with the form (views/pages/import.hbs)
  /** @param {string} id */
  const $ = (id) => /** @type {HTMLElement} */ (document.getElementById(id));
  const box = $('import-progress-box');
  const bar = /** @type {HTMLProgressElement} */ ($('import-progress'));
  const phase = $('import-phase');
  const errorEl = $('import-error');
  const report = $('import-report');
  const fileInput = /** @type {HTMLInputElement} */ (form.elements.namedItem('file'));
  const formatInput = /** @type {HTMLSelectElement} */ (form.elements.namedItem('format'));
  const partialInput = /** @type {HTMLInputElement} */ (form.elements.namedItem('partial'));
  const { t, refusal, locale } = window.termbridge;

  // Where a reader found a problem: `line 12, <termEntry> id="…"` (TBX) or `line 7` (CSV), as
  // server/i18n/import-wording.ts reads it; the element is the file's own text.
  const PLACE = /^line (\d+)(?:, (.+))?$/s;

  /**
   * One problem of the report in the page's language: English pages keep the reader's sentence;
   * the readers give no values for it, so the others say where and a general sentence.
   * @param {{ where: string, message: string }} e
   */
  function errorLine(e) {
    if (locale === 'en') return e;
    const m = PLACE.exec(e.where);
    const where = m ? t('js.import.where', { line: Number(m[1]), element: m[2] ?? '', hasElement: m[2] ? 'yes' : 'no' }) : e.where;
    return { where, message: t('js.import.entryProblem') };
  }

  /**
   * The CSV layout in the page's language, from the reader's values (as server/i18n/import-wording.ts
   * words it); the reader's English `layout` when there are none.
   * @param {ImportReport['format']} f
   */
  function layoutLine(f) {
    const parts = f?.layoutParts;
    if (!parts) return f?.layout;
    const kind = t('js.import.layout', {
      kind: parts.kind,
      columns: parts.kind === 'languageHeader' ? parts.columns : '',
      hasHeader: parts.kind === 'sourceTarget' && parts.header !== null ? 'yes' : 'no',
      header: parts.kind === 'sourceTarget' ? (parts.header ?? '') : '',
      source: parts.kind === 'sourceTarget' ? parts.source : '',
      target: parts.kind === 'sourceTarget' ? parts.target : '',
    });
    if (parts.kind === 'empty') return kind;
    const d = f?.delimiter ?? ',';
    const delimiter = d === '\t' ? 'tab' : d === ',' ? 'comma' : d === 'spaces' ? 'spaces' : 'other';
    return `${kind}${t('js.import.layoutSeparator')}${t('js.import.delimiter', { delimiter, character: d })}`;
  }

  /**
   * An API refusal in the page's language, with the line (and column) of the file it is about:
   * the API's English message begins with it (`line 3, column 5: …`, `line 12, <termEntry>…: …`).
   * @param {{ code: string, message: string } | undefined} error
   * @param {string} fallback
   */
  function refusalAt(error, fallback) {
    const sentence = refusal(error, fallback);
    const m = locale === 'en' || !error ? null : /^line (\d+)(?:, column (\d+))?/.exec(error.message);
    if (!m) return sentence;
    return t('js.atLine', { line: Number(m[1]), column: m[2] ? Number(m[2]) : 0, hasColumn: m[2] ? 'yes' : 'no', sentence });
  }

  /** @param {string} message */
  function showError(message) {
    errorEl.textContent = message;
    errorEl.hidden = false;
  }

  /** @param {ImportReport} r */
  function showReport(r) {
    $('import-report-title').textContent = r.dryRun ? t('js.import.previewTitle') : t('js.import.doneTitle');
    const f = r.format ?? { format: '' };
    $('import-format-detected').textContent = [f.format, f.dialect, layoutLine(r.format), f.encoding].filter(Boolean).join(' · ');
    $('import-created').textContent = String(r.created);
    $('import-updated').textContent = String(r.updated);
    $('import-skipped').textContent = String(r.skipped);
    const list = $('import-errors');
    list.replaceChildren();
    for (const e of r.errors) {
      const li = document.createElement('li');
      const line = errorLine(e);
      const where = document.createElement('strong');
      where.textContent = line.where;
      li.append(where, t('js.import.separator'), line.message);
      list.append(li);
    }
    report.hidden = false;
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const file = fileInput.files?.[0];
    if (!file) return;
    const dryRun = /** @type {HTMLButtonElement | null} */ (event.submitter)?.name === 'dryRun';
    // Fields first, then the file: the server reads the fields before it streams the file.
    const body = new FormData();
    body.append('format', formatInput.value);
    body.append('partial', partialInput.checked ? 'true' : 'false');
    body.append('file', file);
    errorEl.hidden = true;
    report.hidden = true;
    box.hidden = false;
    bar.value = 0;
    phase.textContent = t('js.import.uploading');
    const res = await fetch(`/api/import?async=1${dryRun ? '&dryRun=1' : ''}`, {
      method: 'POST',
      headers: { 'x-csrf-token': csrf },
      body,
    });
    const started = /** @type {{ job?: string } & import('./api').ApiError} */ (await res.json().catch(() => ({})));
    if (!res.ok) {
      box.hidden = true;
      showError(refusalAt(started.error, t('js.import.failed', { status: res.status })));
      return;
    }
    for (;;) {
      await new Promise((r) => setTimeout(r, 300));
      const poll = await fetch(`/api/import/${encodeURIComponent(started.job ?? '')}`);
      const job = /** @type {ImportJob} */ (await poll.json());
      const p = job.progress ?? { phase: '', entries: 0, written: 0 };
      if (p.phase === 'reading') {
        bar.value = Math.min(50, Math.round((50 * (p.bytes ?? 0)) / file.size));
        phase.textContent = t('js.import.reading', { kb: Math.round((p.bytes ?? 0) / 1024) });
      } else if (p.phase === 'writing') {
        bar.value = 50 + Math.round((50 * p.written) / Math.max(1, p.entries));
        phase.textContent = t('js.import.writing', { written: p.written, entries: p.entries });
      }
      if (job.error) {
        box.hidden = true;
        showError(refusalAt(job.error, t('js.import.failed', { status: poll.status })));
        return;
      }
      if (job.report) {
        bar.value = 100;
        phase.textContent = t('js.import.done');
        showReport(job.report);
        return;
      }
    }
  });
})();
