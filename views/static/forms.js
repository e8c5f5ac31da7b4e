// Forms never lose text. Without this script every form still works: the server counts and refuses.
(() => {
  // Characters as a person counts them (and the server's proposal rules do): a line break is one, an emoji is one.
  const charsUsed = (value) => [...value.replace(/\r\n/g, '\n')].length;

  function counterOf(field) {
    return field.id ? document.querySelector(`[data-counter-for="${field.id}"]`) : null;
  }

  /** Updates the visible count; true when the field holds more than its limit. */
  function count(field) {
    const counter = counterOf(field);
    if (!counter) return false;
    const max = Number(counter.dataset.max);
    const used = charsUsed(field.value);
    const over = used > max;
    counter.textContent = over ? `${used} / ${max} 字，超出 ${used - max} 字` : `${used} / ${max} 字`;
    counter.classList.toggle('over', over);
    if (!over && field.dataset.lengthError === '1') clearError(field);
    return over;
  }

  function errorOf(field) {
    let el = document.getElementById(`${field.id}-error`);
    if (!el) {
      el = document.createElement('p');
      el.className = 'error';
      el.id = `${field.id}-error`;
      el.setAttribute('role', 'alert');
      (counterOf(field) || field).after(el);
      const ids = (field.getAttribute('aria-describedby') || '').split(' ').filter(Boolean);
      field.setAttribute('aria-describedby', [...ids, el.id].join(' '));
    }
    return el;
  }

  function showError(field, message) {
    errorOf(field).textContent = message;
    field.setAttribute('aria-invalid', 'true');
    field.closest('.field')?.classList.add('invalid');
    field.dataset.lengthError = '1';
  }

  function clearError(field) {
    const el = document.getElementById(`${field.id}-error`);
    if (el) el.remove();
    const ids = (field.getAttribute('aria-describedby') || '').split(' ').filter((id) => id && id !== `${field.id}-error`);
    if (ids.length) field.setAttribute('aria-describedby', ids.join(' '));
    else field.removeAttribute('aria-describedby');
    field.removeAttribute('aria-invalid');
    field.closest('.field')?.classList.remove('invalid');
    delete field.dataset.lengthError;
  }

  /** The first field in trouble: in view (not under the header) and focused, so the person sees why. */
  function showFirstInvalid(root) {
    const bad = root.querySelector('[aria-invalid="true"]');
    if (!(bad instanceof HTMLElement)) return;
    bad.focus({ preventScroll: true });
    bad.scrollIntoView({ block: 'center' });
  }

  document.addEventListener('input', (e) => {
    if (e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement) count(e.target);
  });

  // Capture phase: before htmx sends a boosted form. Too long a text is refused here, every character kept.
  document.addEventListener('submit', (e) => {
    const form = e.target;
    if (!(form instanceof HTMLFormElement)) return;
    let first = null;
    for (const field of form.querySelectorAll('input, textarea')) {
      if (!count(field)) continue;
      const max = Number(counterOf(field).dataset.max);
      showError(field, `不能超过 ${max} 个字（现有 ${charsUsed(field.value)} 个字），请删减后再提交`);
      first = first || field;
    }
    if (first) {
      e.preventDefault();
      e.stopImmediatePropagation();
      showFirstInvalid(form);
    }
  }, true);

  // After the server refused a form (a whole page, or one swapped in by htmx): the first invalid field.
  const afterLoad = () => showFirstInvalid(document);
  document.addEventListener('htmx:afterSettle', () => setTimeout(afterLoad, 0));
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', afterLoad);
  else afterLoad();
})();
