// The ballot's N limit on the phone: counts "for" marks as they are made and stops a ballot with too many
// before it is sent. The server checks again; without this script the ballot still works.
(() => {
  const forms = () => document.querySelectorAll('form[data-limit]');

  function check(form) {
    const max = Number(form.dataset.limit);
    const mark = form.dataset.limitMark || 'for';
    const count = form.querySelectorAll(`input[type="radio"][value="${mark}"]:checked, input[type="checkbox"][value="${mark}"]:checked`).length;
    const out = form.querySelector('[data-limit-count]');
    if (out) out.textContent = String(count);
    const err = form.querySelector('[data-limit-error]');
    const over = count > max;
    if (err && over) {
      err.textContent = form.dataset.ballotForm === 'tick'
        ? `最多勾选 ${max} 项，您现在勾选了 ${count} 项。请取消多余的勾选。`
        : `赞成不能超过 ${max} 项，您现在选了 ${count} 项。请把多出的改为反对或弃权。`;
      err.hidden = false;
    } else if (err && err.dataset.fromClient === '1') {
      err.hidden = true;
      err.textContent = '';
    }
    if (err && over) err.dataset.fromClient = '1';
    form.classList.toggle('over-limit', over);
    return over;
  }

  document.addEventListener('change', (e) => {
    const form = e.target && e.target.form;
    if (form instanceof HTMLFormElement && form.dataset.limit) check(form);
  });

  // Capture phase: runs before htmx's boosted submit on the form itself.
  document.addEventListener('submit', (e) => {
    const form = e.target;
    if (!(form instanceof HTMLFormElement)) return;
    if (form.dataset.limit && check(form)) {
      e.preventDefault();
      e.stopImmediatePropagation();
      const err = form.querySelector('[data-limit-error]');
      if (err instanceof HTMLElement) err.focus();
      return;
    }
    // The final "cast" button: one press only, even on a slow network.
    if (form.hasAttribute('data-once')) {
      if (form.dataset.sent === '1') {
        e.preventDefault();
        e.stopImmediatePropagation();
        return;
      }
      form.dataset.sent = '1';
      const b = form.querySelector('button[type="submit"]');
      if (b) b.textContent = '正在提交……';
    }
  }, true);

  // A cast that did not get through (Wi-Fi dropped, server restarting, 5xx): say so and let the person press again.
  // Resending is safe: the server stores one ballot per person and answers a repeat with the same receipt.
  const FAILED = '选票可能没有提交成功（网络中断或服务器暂时无法响应）。请确认手机已连上会场网络，再按一次“确认投票”。'
    + '如果刚才其实已经投上，会显示同一个回执码，不会重复计票。';

  function castFailed(form) {
    form.dataset.sent = '';
    const b = form.querySelector('button[type="submit"]');
    if (b) b.textContent = '重新提交选票';
    const err = document.querySelector('[data-cast-error]');
    if (err instanceof HTMLElement) {
      err.textContent = FAILED;
      err.hidden = false;
      err.focus();
    }
  }

  // The form that sent the request: a swap event is fired on its target (the body), so read it from the request.
  const castForm = (e) => {
    const d = e.detail || {};
    const el = (d.requestConfig && d.requestConfig.elt) || d.elt;
    return el instanceof HTMLFormElement && el.hasAttribute('data-once') ? el : null;
  };
  for (const name of ['htmx:sendError', 'htmx:timeout']) {
    document.addEventListener(name, (e) => { const f = castForm(e); if (f) castFailed(f); });
  }
  // A 5xx page would replace the confirmation and the marks with it: keep the page, report, allow a resend.
  document.addEventListener('htmx:beforeSwap', (e) => {
    const f = castForm(e);
    if (f && e.detail.xhr && e.detail.xhr.status >= 500) {
      e.detail.shouldSwap = false;
      e.detail.isError = false;
      castFailed(f);
    }
  });
  // Back from a browser error page (no script): the button is not left disabled.
  window.addEventListener('pageshow', () => {
    document.querySelectorAll('form[data-once]').forEach((f) => {
      if (f instanceof HTMLFormElement && f.dataset.sent === '1') castFailed(f);
    });
  });

  document.addEventListener('htmx:afterSettle', () => forms().forEach(check));
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', () => forms().forEach(check));
  else forms().forEach(check);
})();
