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
