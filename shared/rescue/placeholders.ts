/**
 * The words documentation writes where a post's shortcode goes: `/p/postid/`, `/p/SHORTCODE/`,
 * `/reel/POST_ID/`, `/p/ID_DE_LA_PUBLICATION/`. Embed code that names one is a sample of the code,
 * not a post (web/embed-lesson-en.html, 2026-12). Shortcodes are base 64, so a placeholder is
 * written in ASCII; the words of the languages the rescue reads, without their accents.
 */

/** Whose post or which: "your", "my", "example"… */
const OWNERS = [
  'your',
  'my',
  'the',
  'an',
  'a',
  'example',
  'sample',
  'some',
  'votre',
  'ton',
  'tu',
  'su',
  'seu',
  'sua',
  'tuo',
  'dein',
  'ihr',
  'uw',
  'je',
];
/** What the id belongs to. */
const THINGS = [
  'instagram',
  'insta',
  'ig',
  'post',
  'media',
  'reel',
  'photo',
  'foto',
  'video',
  'image',
  'publication',
  'publicacion',
  'publicacao',
  'pubblicazione',
  'beitrags',
  'beitrag',
  'bericht',
  'postingan',
  'gonderi',
];
/** The id word itself. */
const IDS = ['shortcode', 'code', 'codigo', 'codice', 'kode', 'id'];
/** "of the" between the id word and its thing (`ID_DE_LA_PUBLICATION`, `codice_del_post`). */
const LINKS = ['della', 'dela', 'del', 'des', 'der', 'de', 'du', 'da', 'do', 'di', 'of'];
const ARTICLES = ['la', 'le', 'el', 'the', 'a', 'o'];

const any = (words: readonly string[]): string => `(?:${words.join('|')})`;

/** Lower-cased, without `-` and `_`: an owner, a thing, the id word, then "of the thing"; or only x's. */
const PLACEHOLDER = new RegExp(`^(?:${any(OWNERS)}?${any(THINGS)}?${any(IDS)}(?:${any(LINKS)}${any(ARTICLES)}?${any(THINGS)})?|x{3,})$`);

/** True when `shortcode` is a word standing where a shortcode goes, not a post's. */
export function isPlaceholderShortcode(shortcode: string | null): boolean {
  if (shortcode === null || shortcode.length > 40) return false;
  return PLACEHOLDER.test(shortcode.toLowerCase().replace(/[-_]/g, ''));
}

/**
 * The words documentation writes where an account's handle goes: "(@handle)", "@username",
 * "@your_handle", "@nom_utilisateur". A byline naming one is a sample of the template's text, not a
 * post (a news app's worker quoting the leftovers it strips: "View this post on Instagram A post
 * shared by Name (@handle)"; web/newsapp-social-residue.py, 2026-12). Handles are ASCII, so the
 * words of the languages the rescue reads, without their accents.
 */
const HANDLE_WORDS = [
  'handle',
  'username',
  'user',
  'account',
  'accountname',
  'profile',
  'profilename',
  'nomutilisateur',
  'nomdutilisateur',
  'utilisateur',
  'usuario',
  'nombredeusuario',
  'nomedeusuario',
  'nomeutente',
  'benutzername',
  'nutzername',
  'gebruikersnaam',
  'kullaniciadi',
  'namapengguna',
  'tennguoidung',
];
/** Lower-cased, without `-`, `_` and `.`: an owner, "instagram" or "ig", then the handle word. */
const PLACEHOLDER_HANDLE = new RegExp(`^${any(OWNERS)}?(?:instagram|insta|ig)?${any(HANDLE_WORDS)}$`);

/** True when `handle` is a word standing where a handle goes, not an account's. */
export function isPlaceholderHandle(handle: string | null): boolean {
  if (handle === null || handle.length > 40) return false;
  return PLACEHOLDER_HANDLE.test(handle.toLowerCase().replace(/[-_.]/g, ''));
}
