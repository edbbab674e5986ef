/**
 * On every signed-in page: copy buttons, frames that fit their card, the status filter that
 * applies itself, and dialogs for browsers without invoker commands. Everything here is an
 * enhancement; each control also works as a plain form or a selectable text.
 */

/** Buttons with `data-copy="<id>"` copy that element's text; the button says so for a moment. */
document.addEventListener('click', (event) => {
  const button = (event.target as Element | null)?.closest<HTMLButtonElement>('button[data-copy]');
  if (!button) return;
  const source = document.getElementById(button.dataset.copy ?? '');
  if (!source) return;
  const value = source instanceof HTMLTextAreaElement || source instanceof HTMLInputElement ? source.value : (source.textContent ?? '');
  const label = button.textContent;
  const done = (text: string) => {
    button.textContent = text;
    setTimeout(() => {
      button.textContent = label;
    }, 1500);
  };
  navigator.clipboard.writeText(value).then(
    () => done('Copied'),
    () => {
      if (source instanceof HTMLTextAreaElement || source instanceof HTMLInputElement) source.select();
      done('Press Ctrl+C to copy');
    },
  );
});

/** Embed frames report their height (the WordPress message the embed page already sends). */
window.addEventListener('message', (event) => {
  if (event.origin !== location.origin) return;
  const data = event.data as { message?: unknown; value?: unknown } | null;
  if (data?.message !== 'height' || typeof data.value !== 'number') return;
  for (const frame of document.querySelectorAll('iframe')) {
    if (frame.contentWindow === event.source) frame.height = String(Math.min(Math.max(Math.ceil(data.value), 80), 3000));
  }
});

/** A status choice applies at once (the Find button stays for keyboards and no script). */
for (const select of document.querySelectorAll<HTMLSelectElement>('select[data-autosubmit]')) {
  select.addEventListener('change', () => select.form?.requestSubmit());
}

/** Dialog buttons use invoker commands (`commandfor`); older browsers get the same by script. */
if (!('command' in HTMLButtonElement.prototype)) {
  document.addEventListener('click', (event) => {
    const button = (event.target as Element | null)?.closest<HTMLButtonElement>('button[commandfor]');
    const dialog = button ? document.getElementById(button.getAttribute('commandfor') ?? '') : null;
    if (!(dialog instanceof HTMLDialogElement)) return;
    if (button?.getAttribute('command') === 'show-modal') dialog.showModal();
    if (button?.getAttribute('command') === 'close') dialog.close();
  });
}
