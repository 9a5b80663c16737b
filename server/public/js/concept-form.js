// @ts-check
// Adds term rows to the concept form. Without JavaScript the form still offers spare rows.
(() => {
  const rows = document.getElementById('term-rows');
  const template = document.getElementById('term-row-template');
  const button = document.getElementById('add-term');
  if (!rows || !template || !button) return;
  let next = Number(rows.dataset.nextIndex) || rows.children.length;
  button.hidden = false;
  button.addEventListener('click', () => {
    const html = template.innerHTML.replaceAll('__INDEX__', String(next++));
    rows.insertAdjacentHTML('beforeend', html);
    rows.lastElementChild?.querySelector('input')?.focus();
  });
})();
