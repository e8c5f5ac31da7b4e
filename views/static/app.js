// Small enhancements; every page works without them.
document.addEventListener('change', (e) => {
  const el = e.target;
  if (el instanceof HTMLSelectElement && el.hasAttribute('data-autosubmit') && el.form) el.form.requestSubmit();
});

// data-confirm on the form, or on the button that submits it (a form with several actions).
document.addEventListener('submit', (e) => {
  const form = e.target;
  const question = e.submitter instanceof HTMLElement && e.submitter.dataset.confirm
    ? e.submitter.dataset.confirm : form instanceof HTMLFormElement ? form.dataset.confirm : undefined;
  if (question && !window.confirm(question)) {
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
