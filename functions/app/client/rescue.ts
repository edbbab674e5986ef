/**
 * Rescue with progress: a dry run lists every post the article holds within a second, each row
 * marked "Archiving…", then the real run replaces the list with outcomes and the rewritten
 * article, which can be copied or downloaded. Without this script the form posts as is.
 */
const form = document.getElementById('rescue-form') as HTMLFormElement | null;
const out = document.getElementById('rescue-results');
const progress = document.getElementById('rescue-progress');

if (form && out && progress) {
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const button = form.querySelector('button[type=submit]') as HTMLButtonElement;
    button.disabled = true;
    const started = Date.now();
    const tick = setInterval(() => {
      progress.textContent = `Rescuing… ${Math.round((Date.now() - started) / 1000)} s`;
    }, 1000);
    const send = async (dryRun: boolean) => {
      const response = await fetch(`/app/rescue/fragment${dryRun ? '?dryRun=1' : ''}`, {
        method: 'POST',
        body: new FormData(form),
        credentials: 'same-origin',
      });
      return { ok: response.ok, html: await response.text() };
    };
    try {
      progress.textContent = 'Reading the article…';
      const preview = await send(true);
      out.innerHTML = preview.html;
      if (preview.ok) {
        progress.textContent = 'Archiving the posts found…';
        const result = await send(false);
        out.innerHTML = result.html;
        const article = document.getElementById('rescued-html') as HTMLTextAreaElement | null;
        const download = out.querySelector<HTMLAnchorElement>('a[download]');
        // A blob URL instead of the long data: URL the page carries without script.
        if (article && download) download.href = URL.createObjectURL(new Blob([article.value], { type: 'text/html' }));
      }
      progress.textContent = 'Done.';
    } catch (error) {
      progress.textContent = `The rescue failed: ${error instanceof Error ? error.message : 'the request failed'}. Try again.`;
    } finally {
      clearInterval(tick);
      button.disabled = false;
    }
  });
}
