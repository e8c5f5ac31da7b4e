// Small enhancements; every page works without them.
document.addEventListener('change', (e) => {
  const el = e.target;
  if (el instanceof HTMLSelectElement && el.hasAttribute('data-autosubmit') && el.form) el.form.requestSubmit();
});

document.addEventListener('submit', (e) => {
  const form = e.target;
  if (form instanceof HTMLFormElement && form.dataset.confirm && !window.confirm(form.dataset.confirm)) {
    e.preventDefault();
    e.stopImmediatePropagation();
  }
}, true);

// After htmx swaps in a page with errors, put the focus on the first invalid field.
document.addEventListener('htmx:afterSettle', () => {
  const bad = document.querySelector('[aria-invalid="true"]');
  if (bad instanceof HTMLElement) bad.focus();
});

// A button may ask for confirmation on its own (a form with several actions): data-confirm on the submitter.
document.addEventListener('submit', (e) => {
  const button = e.submitter;
  if (button instanceof HTMLElement && button.dataset.confirm && !window.confirm(button.dataset.confirm)) {
    e.preventDefault();
    e.stopImmediatePropagation();
  }
}, true);

// "Select all" for a list of checkboxes: <input type=checkbox data-check-all="rep"> ticks every input[name=rep].
document.addEventListener('change', (e) => {
  const el = e.target;
  if (!(el instanceof HTMLInputElement) || !el.dataset.checkAll) return;
  for (const box of document.querySelectorAll(`input[type=checkbox][name="${el.dataset.checkAll}"]`)) {
    if (box instanceof HTMLInputElement) box.checked = el.checked;
  }
});
