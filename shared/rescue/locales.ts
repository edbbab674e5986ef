/**
 * The words Instagram's embed template wrote around a post, per locale, present and past. Every
 * phrase marked with a language code was seen in published markup; test/fixtures/rescue/locales.jsonl
 * keeps one sample per language with where it was found (2026-12). Phrases marked "unverified"
 * follow Instagram's web translations but no published embed was found for them yet.
 */

/** The link text above the media ("View this post on Instagram"), one per template generation. */
export const HEADER_PHRASES: readonly string[] = [
  'View this post on Instagram', // en v12–v14
  'View this photo on Instagram', // en v7–v9
  'View this video on Instagram',
  'Sieh dir diesen Beitrag auf Instagram an', // de v14
  'Diesen Beitrag auf Instagram ansehen', // de v12
  'Voir cette publication sur Instagram', // fr
  'Ver esta publicación en Instagram', // es
  'Veure aquesta publicació a Instagram', // ca
  'Visualizza questo post su Instagram', // it
  'Ver essa foto no Instagram', // pt-BR v12
  'Visualizar esta foto no Instagram', // pt-BR v12
  'Ver esta publicação no Instagram', // pt
  'Ver essa publicação no Instagram', // pt-BR
  'Dit bericht op Instagram bekijken', // nl
  'この投稿をInstagramで見る', // ja
  'Instagram에서 이 게시물 보기', // ko
  'Wyświetl ten post na Instagramie', // pl
  'Se dette innlegget på Instagram', // nb
  'Se dette opslag på Instagram', // da, unverified
  'Visa det här inlägget på Instagram', // sv, unverified
  'Bu gönderiyi Instagram’da gör', // tr (typographic apostrophe)
  "Bu gönderiyi Instagram'da gör", // tr
  'Посмотреть эту публикацию в Instagram', // ru
  'Погледајте ову објаву у апликацији Instagram', // sr v12
  'Переглянути цей допис в Instagram', // uk
  'Näytä tämä julkaisu Instagramissa', // fi
  'Zobrazit tento příspěvek na Instagramu', // cs, unverified
  'Zobrazit příspěvek na Instagramu', // cs v14 (web/hchaje-cs.tsx)
  'Zobraziť tento príspevok na Instagrame', // sk, unverified
  'A bejegyzés megtekintése az Instagramon', // hu (web/reddit-seed-hu.java)
  'Vezi această postare pe Instagram', // ro, unverified
  'Pogledajte ovu objavu na Instagramu', // hr
  'Δείτε αυτή τη δημοσίευση στο Instagram', // el
  'Lihat postingan ini di Instagram', // id
  'Lihat hantaran ini di Instagram', // ms, unverified
  'Tingnan ang post na ito sa Instagram', // tl, unverified
  'Xem bài viết này trên Instagram', // vi
  'ดูโพสต์นี้บน Instagram', // th
  '在 Instagram 查看这篇帖子', // zh-CN
  '在 Instagram 查看這則貼文', // zh-TW
  'عرض هذا المنشور على Instagram', // ar
  'הצגת פוסט זה ב-Instagram', // he, unverified
  'Instagram पर यह पोस्ट देखें', // hi, unverified
];

/** Bylines that put the template words before the name: "A post shared by NAME (@handle) on DATE". */
export const BYLINE_PREFIXES: readonly string[] = [
  'A post shared by', // en
  'A photo posted by', // en v4–v6
  'A video posted by',
  'A photo shared by',
  'A video shared by',
  'Ein Beitrag geteilt von', // de
  'Ein Foto geteilt von',
  'Ein Video geteilt von',
  'Ein von', // de v4–v7: "Ein von NAME (@handle) gepostetes Foto am DATE"
  'Une publication partagée par', // fr
  'Une photo publiée par',
  'Une vidéo publiée par',
  'Una publicación compartida por', // es
  'Una publicación compartida de', // es
  'Una publicació compartida de', // ca
  'Una foto publicada por',
  'Un video publicado por',
  'Un vídeo publicado por', // es v7
  'Un post condiviso da', // it
  'Una foto pubblicata da',
  'Un video pubblicato da',
  'Uma publicação compartilhada por', // pt-BR
  'Uma publicação partilhada por', // pt
  'Um post compartilhado por',
  'Uma foto publicada por',
  'Um vídeo publicado por',
  'Een bericht gedeeld door', // nl
  'Een foto geplaatst door',
  'Een video geplaatst door',
  'Ett inlägg delat av', // sv
  'Ett foto publicerat av', // sv v4–v7
  'En video publicerad av',
  'Et innlegg delt av', // nb
  'Et opslag delt af', // da
  'Post udostępniony przez', // pl
  'Zdjęcie zamieszczone przez użytkownika', // pl v7
  'Film zamieszczony przez użytkownika',
  'Публикация от', // ru
  'Објава коју дели', // sr: "Објава коју дели NAME (@handle) дана DATE"
  'Допис, поширений', // uk
  'Příspěvek sdílený uživatelem', // cs
  'Příspěvek sdílený', // cs
  'Príspevok zdieľaný používateľom', // sk, unverified
  'Sebuah kiriman dibagikan oleh', // id
  'Hantaran dikongsi oleh', // ms, unverified
  'Isang post na ibinahagi ni', // tl, unverified
  'Η δημοσίευση κοινοποιήθηκε από', // el
  'Objavu dijeli', // hr, unverified
  'O postare distribuită de', // ro, unverified
  'โพสต์ที่แชร์โดย', // th
  'Bài viết do', // vi: "Bài viết do NAME (@handle) chia sẻ"
  'Henkilön', // fi: "Henkilön NAME (@handle) jakama julkaisu"
  'Käyttäjän', // fi
];

/**
 * Bylines that put the template words after the handle: Japanese "NAMEさん(@handle)がシェアした投稿"
 * (corpus 04–06; "さん" is the template's honorific), Korean "NAME(@handle)님의 공유 게시물", Turkish
 * "NAME (@handle)'in paylaştığı bir gönderi", Chinese "NAME (@handle) 分享的帖子".
 */
export const BYLINE_SUFFIXES: readonly string[] = [
  'gepostetes Foto', // de v4–v7, after "Ein von NAME (@handle)"
  'gepostetes Video',
  'がシェアした投稿', // ja
  'が投稿した写真',
  'が投稿した動画',
  '님의 공유 게시물', // ko
  '님이 공유한 게시물',
  'paylaştığı bir gönderi', // tr
  'tarafından paylaşılan bir gönderi', // tr, unverified
  'által megosztott bejegyzés', // hu
  'jakama julkaisu', // fi
  'chia sẻ', // vi
  '分享的帖子', // zh-CN
  '分享的貼文', // zh-TW
  'द्वारा शेयर की गई पोस्ट', // hi, unverified
];
/** Honorifics and case endings the template puts between the name or handle and the suffix. */
export const NAME_HONORIFICS: readonly string[] = ['さん', '님'];

/** Lines inside an embed that are template chrome, not caption (v2 "Loading", "View on Instagram"). */
export const CHROME_LINES: readonly string[] = [...HEADER_PHRASES, 'Loading', 'View on Instagram', 'Instagram'];

/** Lower-case month names and abbreviations (trailing dots removed) → month number. */
export const MONTHS: ReadonlyMap<string, number> = buildMonths({
  1: [
    'jan',
    'january',
    'januar',
    'jänner',
    'janvier',
    'janv',
    'enero',
    'ene',
    'gennaio',
    'gen',
    'janeiro',
    'januari',
    'sty',
    'styczeń',
    'stycznia',
    'янв',
    'јан', // sr
    'января',
    'январь',
    'tammi',
    'tammikuu',
    'oca',
    'ocak',
    'led',
    'leden',
    'ledna',
    'ιαν',
    'januára',
    'jan.',
  ],
  2: [
    'feb',
    'february',
    'februar',
    'février',
    'févr',
    'fevr',
    'febrero',
    'febbraio',
    'fevereiro',
    'fev',
    'februari',
    'lut',
    'luty',
    'lutego',
    'фев',
    'феб', // sr
    'февр',
    'февраля',
    'helmi',
    'helmikuu',
    'febr',
    'şub',
    'şubat',
    'úno',
    'únor',
    'února',
    'φεβ',
  ],
  3: [
    'mar',
    'march',
    'märz',
    'mär',
    'mars',
    'marzo',
    'março',
    'maart',
    'mrt',
    'marca',
    'marzec',
    'мар',
    'марта',
    'maalis',
    'maaliskuu',
    'márc',
    'mart',
    'bře',
    'březen',
    'března',
    'μαρ',
    'maret',
  ],
  4: [
    'apr',
    'april',
    'avril',
    'avr',
    'abril',
    'abr',
    'aprile',
    'kwi',
    'kwiecień',
    'kwietnia',
    'апр',
    'апреля',
    'huhti',
    'huhtikuu',
    'ápr',
    'nis',
    'nisan',
    'dub',
    'duben',
    'dubna',
    'απρ',
  ],
  5: [
    'may',
    'mai',
    'mayo',
    'maggio',
    'mag',
    'maio',
    'mei',
    'maj',
    'maja',
    'мая',
    'мај', // sr
    'май',
    'touko',
    'toukokuu',
    'máj',
    'mayıs',
    'kvě',
    'květen',
    'května',
    'μαΐ',
    'μαι',
  ],
  6: [
    'jun',
    'june',
    'juni',
    'juin',
    'junio',
    'giugno',
    'giu',
    'junho',
    'cze',
    'czerwiec',
    'czerwca',
    'июн',
    'јун', // sr
    'июня',
    'kesä',
    'kesäkuu',
    'jún',
    'haz',
    'haziran',
    'čvn',
    'červen',
    'června',
    'ιουν',
  ],
  7: [
    'jul',
    'july',
    'juli',
    'juillet',
    'juil',
    'julio',
    'luglio',
    'lug',
    'julho',
    'lip',
    'lipiec',
    'lipca',
    'июл',
    'јул', // sr
    'июля',
    'heinä',
    'heinäkuu',
    'júl',
    'tem',
    'temmuz',
    'čvc',
    'červenec',
    'července',
    'ιουλ',
  ],
  8: [
    'aug',
    'august',
    'août',
    'aout',
    'agosto',
    'ago',
    'augustus',
    'sie',
    'sierpień',
    'sierpnia',
    'авг',
    'августа',
    'elo',
    'elokuu',
    'ağu',
    'ağustos',
    'srp',
    'srpen',
    'srpna',
    'αυγ',
    'agu',
    'agt',
    'agustus',
  ],
  9: [
    'sep',
    'sept',
    'september',
    'septembre',
    'septiembre',
    'settembre',
    'set',
    'setembro',
    'wrz',
    'wrzesień',
    'września',
    'сен',
    'сеп', // sr
    'сент',
    'сентября',
    'syys',
    'syyskuu',
    'szept',
    'eyl',
    'eylül',
    'zář',
    'září',
    'σεπ',
  ],
  10: [
    'oct',
    'october',
    'okt',
    'oktober',
    'octobre',
    'octubre',
    'ottobre',
    'ott',
    'outubro',
    'out',
    'paź',
    'październik',
    'października',
    'окт',
    'октября',
    'loka',
    'lokakuu',
    'eki',
    'ekim',
    'říj',
    'říjen',
    'října',
    'οκτ',
  ],
  11: [
    'nov',
    'november',
    'novembre',
    'noviembre',
    'novembro',
    'lis',
    'listopad',
    'listopada',
    'ноя',
    'нов', // sr
    'нояб',
    'ноября',
    'marras',
    'marraskuu',
    'kas',
    'kasım',
    'listopadu',
    'νοε',
  ],
  12: [
    'dec',
    'december',
    'dez',
    'dezember',
    'décembre',
    'déc',
    'diciembre',
    'dic',
    'dicembre',
    'dezembro',
    'gru',
    'grudzień',
    'grudnia',
    'дек',
    'дец', // sr
    'декабря',
    'joulu',
    'joulukuu',
    'ara',
    'aralık',
    'pro',
    'prosinec',
    'prosince',
    'δεκ',
    'des',
    'desember',
  ],
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

/** A phrase as a pattern that tolerates any run of white space (or NBSP) between its words. */
export function phrasePattern(phrase: string): string {
  return phrase
    .split(/\s+/)
    .map((word) => escapeRegExp(word).replace(/['’]/g, "['’]"))
    .join('[\\s\\u00a0]+');
}
