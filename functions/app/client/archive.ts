/**
 * The archive form, one line at a time: each URL gets its row at once ("Archiving…"), then its
 * outcome and card as the service answers. Without this script the form posts every line and
 * the page shows all outcomes together.
 */
const form = document.getElementById('archive-form') as HTMLFormElement | null;
const results = document.getElementById('archive-results');
const progress = document.getElementById('archive-progress');

if (form && results && progress) {
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const field = form.elements.namedItem('urls') as HTMLTextAreaElement;
    const csrf = (form.elements.namedItem('csrf') as HTMLInputElement).value;
    const urls = field.value
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter((line) => line.length > 0)
      .slice(0, 50);
    if (urls.length === 0) return;
    const button = form.querySelector('button[type=submit]') as HTMLButtonElement;
    button.disabled = true;
    results.replaceChildren();
    const rows = urls.map((url) => {
      const row = document.createElement('li');
      row.className = 'result';
      const where = document.createElement('div');
      where.className = 'url';
      where.textContent = url;
      const state = document.createElement('p');
      state.className = 'outcome busy';
      state.textContent = 'Waiting…';
      row.append(where, state);
      results.append(row);
      return { row, state };
    });
    let done = 0;
    for (const [index, url] of urls.entries()) {
      const { row, state } = rows[index]!;
      state.textContent = 'Archiving…';
      progress.textContent = `Archiving ${index + 1} of ${urls.length}…`;
      const body = new FormData();
      body.set('csrf', csrf);
      body.set('url', url);
      body.set('index', String(index));
      try {
        const response = await fetch('/app/archive/line', { method: 'POST', body, credentials: 'same-origin' });
        if (!response.ok) throw new Error(`the service answered ${response.status}`);
        // The fragment is the service's own escaped markup for this line (pages/archive.tsx).
        row.outerHTML = await response.text();
      } catch (error) {
        state.className = 'outcome bad';
        state.textContent = `Not archived: ${error instanceof Error ? error.message : 'the request failed'}`;
      }
      done += 1;
    }
    progress.textContent = `Done: ${done} of ${urls.length} ${urls.length === 1 ? 'line' : 'lines'}.`;
    button.disabled = false;
  });
}
