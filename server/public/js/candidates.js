// @ts-check
// Candidate review page: an uploaded text file fills the textarea it belongs to (and the
// document name). Without JavaScript, pasting still works.
(() => {
  const { t } = window.termbridge;
  for (const input of document.querySelectorAll('input[type="file"][data-target]')) {
    if (!(input instanceof HTMLInputElement)) continue;
    input.addEventListener('change', async () => {
      const file = input.files?.[0];
      const target = document.getElementById(input.dataset.target ?? '');
      if (!file || !(target instanceof HTMLTextAreaElement)) return;
      if (file.size > 2_000_000 * 3) {
        alert(t('js.candidates.tooLarge'));
        input.value = '';
        return;
      }
      target.value = await file.text();
      const name = input.dataset.name ? document.getElementById(input.dataset.name) : null;
      if (name instanceof HTMLInputElement && !name.value) name.value = file.name;
    });
  }
  // Reject needs no edits, but asks once: a rejected form is never proposed again.
  for (const button of document.querySelectorAll('button.reject')) {
    button.addEventListener('click', (event) => {
      if (!confirm(t('js.confirm.reject'))) event.preventDefault();
    });
  }
})();
