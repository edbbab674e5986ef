/**
 * The words Instagram's embed template wrote around a post, per locale. Observed in the corpus
 * (test/fixtures/instagram) and in public pages found with the search tool (2026-11):
 * en 01–45, de 24/26/31–33, pt-BR 22/23, ja 04–06, es text/01; fr "Une publication partagée par
 * Karen Villarreal (@karen_vi) le <time>29 Mars 2017 à 11h25 PDT</time>"; ko "Nani Shin(@nanishin)님의
 * 공유 게시물" and "doubly8f(@doubly8f)님의 공유 게시물님, <time>2020 6월 12 6:50오전 PDT</time>"; ja v12+
 * "RADWIMPS(@radwimps_jp)がシェアした投稿" (no さん).
 */

/** The link text above the media ("View this post on Instagram"), one per template generation. */
export const HEADER_PHRASES: readonly string[] = [
  'View this post on Instagram',
  'View this photo on Instagram',
  'View this video on Instagram',
  'Sieh dir diesen Beitrag auf Instagram an',
  'Diesen Beitrag auf Instagram ansehen',
  'Voir cette publication sur Instagram',
  'Ver esta publicación en Instagram',
  'Visualizza questo post su Instagram',
  'Ver essa foto no Instagram',
  'Visualizar esta foto no Instagram',
  'Ver esta publicação no Instagram',
  'Ver essa publicação no Instagram',
  'Dit bericht op Instagram bekijken',
  'この投稿をInstagramで見る',
  'Instagram에서 이 게시물 보기',
];

/** Bylines that put the template words before the name: "A post shared by NAME (@handle) on DATE". */
export const BYLINE_PREFIXES: readonly string[] = [
  'A post shared by',
  'A photo posted by',
  'A video posted by',
  'A photo shared by',
  'A video shared by',
  'Ein Beitrag geteilt von',
  'Ein Foto geteilt von',
  'Ein Video geteilt von',
  'Une publication partagée par',
  'Une photo publiée par',
  'Une vidéo publiée par',
  'Una publicación compartida por',
  'Una publicación compartida de',
  'Una foto publicada por',
  'Un video publicado por',
  'Un post condiviso da',
  'Una foto pubblicata da',
  'Un video pubblicato da',
  'Uma publicação compartilhada por',
  'Uma publicação partilhada por',
  'Uma foto publicada por',
  'Um vídeo publicado por',
  'Een bericht gedeeld door',
  'Een foto geplaatst door',
  'Een video geplaatst door',
];

/**
 * Bylines that put the template words after the handle: Japanese "NAMEさん(@handle)がシェアした投稿"
 * (corpus 04–06; "さん" is the template's honorific), Korean "NAME(@handle)님의 공유 게시물".
 */
export const BYLINE_SUFFIXES: readonly string[] = [
  'がシェアした投稿',
  'が投稿した写真',
  'が投稿した動画',
  '님의 공유 게시물',
  '님이 공유한 게시물',
];
/** Honorifics the template puts between the name and "(@handle)". */
export const NAME_HONORIFICS: readonly string[] = ['さん', '님'];

/** Words between the byline and its date ("on", "am", "em", "publicada el", "-", "님,"). */
export const DATE_CONNECTORS: readonly string[] = [
  'publicada el',
  'publicado el',
  'publiée le',
  'pubblicato il',
  'on',
  'am',
  'em',
  'el',
  'le',
  'il',
  'op',
  'om',
  'à',
  '님,',
  '님',
  '-',
  '–',
  ',',
];

/** Lines inside an embed that are template chrome, not caption (v2 "Loading", "View on Instagram"). */
export const CHROME_LINES: readonly string[] = [...HEADER_PHRASES, 'Loading', 'View on Instagram', 'Instagram'];

/** Lower-case month names and abbreviations (trailing dots removed) → month number. */
export const MONTHS: ReadonlyMap<string, number> = buildMonths({
  1: ['jan', 'january', 'januar', 'jänner', 'janvier', 'janv', 'enero', 'ene', 'gennaio', 'gen', 'janeiro', 'januari'],
  2: ['feb', 'february', 'februar', 'février', 'févr', 'fevr', 'febrero', 'febbraio', 'fevereiro', 'fev', 'februari'],
  3: ['mar', 'march', 'märz', 'mär', 'mars', 'marzo', 'março', 'maart', 'mrt'],
  4: ['apr', 'april', 'avril', 'avr', 'abril', 'abr', 'aprile'],
  5: ['may', 'mai', 'mayo', 'maggio', 'mag', 'maio', 'mei'],
  6: ['jun', 'june', 'juni', 'juin', 'junio', 'giugno', 'giu', 'junho'],
  7: ['jul', 'july', 'juli', 'juillet', 'juil', 'julio', 'luglio', 'lug', 'julho'],
  8: ['aug', 'august', 'août', 'aout', 'agosto', 'ago', 'augustus'],
  9: ['sep', 'sept', 'september', 'septembre', 'septiembre', 'settembre', 'set', 'setembro'],
  10: ['oct', 'october', 'okt', 'oktober', 'octobre', 'octubre', 'ottobre', 'ott', 'outubro', 'out'],
  11: ['nov', 'november', 'novembre', 'noviembre', 'novembro'],
  12: ['dec', 'december', 'dez', 'dezember', 'décembre', 'déc', 'diciembre', 'dic', 'dicembre', 'dezembro'],
});

function buildMonths(table: Record<number, string[]>): Map<string, number> {
  const map = new Map<string, number>();
  for (const [month, names] of Object.entries(table)) for (const name of names) map.set(name, Number(month));
  return map;
}

/** Zone abbreviations Instagram printed (US zones for the Pacific-rendered dates) → UTC offset in hours. */
export const ZONES: ReadonlyMap<string, number> = new Map([
  ['PST', -8],
  ['PDT', -7],
  ['MST', -7],
  ['MDT', -6],
  ['CST', -6],
  ['CDT', -5],
  ['EST', -5],
  ['EDT', -4],
  ['AKST', -9],
  ['AKDT', -8],
  ['HST', -10],
  ['UTC', 0],
  ['GMT', 0],
  ['WET', 0],
  ['WEST', 1],
  ['BST', 1],
  ['CET', 1],
  ['CEST', 2],
  ['MEZ', 1],
  ['MESZ', 2],
  ['EET', 2],
  ['EEST', 3],
  ['JST', 9],
  ['KST', 9],
  ['AEST', 10],
  ['AEDT', 11],
]);

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A phrase as a pattern that tolerates any run of white space (or &nbsp;) between its words. */
export function phrasePattern(phrase: string): string {
  return phrase.split(/\s+/).map(escapeRegExp).join('\\s+');
}
