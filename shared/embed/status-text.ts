import type { EmbedView } from './view.js';

/** Shown instead of caption and media once a post is hidden (takedown); the reason stays internal. */
export const HIDDEN_NOTICE = 'This post is no longer shown in this archive.';

/** The figcaption's two lines as plain text; the page renders the same words (render-embed-page.tsx). */
export function footerLines(view: EmbedView): [string, string] {
  const first = [view.originalUrl ? 'Original post' : null, view.takenAt?.text ?? null].filter(Boolean).join(' · ');
  return [first || 'Original post', statusText(view)];
}

export function statusText(view: EmbedView): string {
  const edited = view.editedOnInstagram ? ` · Edited on Instagram since ${view.editedOnInstagram.text}` : '';
  return `${baseStatusText(view)}${edited}`;
}

function baseStatusText(view: EmbedView): string {
  const captured = view.capturedAt ? `captured ${view.capturedAt.text}` : 'captured';
  switch (view.state.kind) {
    case 'hidden':
      return `Hidden${view.state.at ? ` ${view.state.at.text}` : ''} · ${captured}`;
    case 'removed':
      return `Original removed${view.state.at ? ` ${view.state.at.text}` : ''} · archived copy ${captured}`;
    default:
      return `Archived copy · ${captured}`;
  }
}
