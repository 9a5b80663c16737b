// The import page: send the file to /api/import?async=1 (with ?dryRun=1 for a preview), poll
// the job for progress, then show the report. All file-derived text goes in via textContent.
(() => {
  const form = document.getElementById('import-form');
  if (!form) return;
  const csrf = document.querySelector('meta[name="csrf-token"]')?.getAttribute('content') ?? '';
  const box = document.getElementById('import-progress-box');
  const bar = document.getElementById('import-progress');
  const phase = document.getElementById('import-phase');
  const errorEl = document.getElementById('import-error');
  const report = document.getElementById('import-report');
  const $ = (id) => document.getElementById(id);
  const { t } = window.termbridge;

  function showError(message) {
    errorEl.textContent = message;
    errorEl.hidden = false;
  }

  function showReport(r) {
    $('import-report-title').textContent = r.dryRun ? t('js.import.previewTitle') : t('js.import.doneTitle');
    const f = r.format ?? {};
    $('import-format-detected').textContent = [f.format, f.dialect, f.layout, f.encoding].filter(Boolean).join(' · ');
    $('import-created').textContent = String(r.created);
    $('import-updated').textContent = String(r.updated);
    $('import-skipped').textContent = String(r.skipped);
    const list = $('import-errors');
    list.replaceChildren();
    for (const e of r.errors) {
      const li = document.createElement('li');
      const where = document.createElement('strong');
      where.textContent = e.where;
      const message = document.createElement('span');
      message.lang = 'en';
      message.textContent = e.message;
      li.append(where, ': ', message);
      list.append(li);
    }
    report.hidden = false;
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const file = form.elements.namedItem('file').files[0];
    if (!file) return;
    const dryRun = event.submitter?.name === 'dryRun';
    // Fields first, then the file: the server reads the fields before it streams the file.
    const body = new FormData();
    body.append('format', form.elements.namedItem('format').value);
    body.append('partial', form.elements.namedItem('partial').checked ? 'true' : 'false');
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
    const started = await res.json().catch(() => ({}));
    if (!res.ok) {
      box.hidden = true;
      showError(started.error?.message ?? t('js.import.failed', { status: res.status }));
      return;
    }
    for (;;) {
      await new Promise((r) => setTimeout(r, 300));
      const poll = await fetch(`/api/import/${encodeURIComponent(started.job)}`);
      const job = await poll.json();
      const p = job.progress ?? {};
      if (p.phase === 'reading') {
        bar.value = Math.min(50, Math.round((50 * (p.bytes ?? 0)) / file.size));
        phase.textContent = t('js.import.reading', { kb: Math.round((p.bytes ?? 0) / 1024) });
      } else if (p.phase === 'writing') {
        bar.value = 50 + Math.round((50 * p.written) / Math.max(1, p.entries));
        phase.textContent = t('js.import.writing', { written: p.written, entries: p.entries });
      }
      if (job.error) {
        box.hidden = true;
        showError(job.error.message);
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
