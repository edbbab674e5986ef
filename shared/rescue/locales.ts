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
  'Dit bericht op Instagram bekijken', // nl v14 (code index 70703854812: data-instgrm-version="14")
  // nl on a machine-translated page (web/yabzh-stefani-nl.txt), likely the translator's wording: not seen in Instagram's markup
  'Bekijk dit bericht op Instagram',
  // nl, a third wording on two unrelated Dutch sites' dead embeds (web/jfk-nl.txt, web/mamamagazine-doutzen-nl.txt; version not visible)
  'Dit bericht bekijken op Instagram',
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
  // sr in Latin script, another verb: one published sample, a lone header (web/glasno-djokovic-sr.txt; version not visible)
  'Prikaži ovu objavu u aplikaciji Instagram',
  'Переглянути цей допис в Instagram', // uk
  'Näytä tämä julkaisu Instagramissa', // fi
  'Zobrazit tento příspěvek na Instagramu', // cs v14 (web/tinymce-embed-cs.js)
  'Zobrazit příspěvek na Instagramu', // cs v14 (web/hchaje-cs.tsx)
  'Zobraziť tento príspevok na Instagrame', // sk (web/interez-vondrackova-sk.txt)
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
  '在 Instagram 查看此貼文', // zh-HK v14 (code index 2726234721, a Hong Kong site's v14 embed; also link text in 60406828151, 55431541621)
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
  'Een foto die is geplaatst door', // nl v4–v7: "Een foto die is geplaatst door NAME (@handle) op DATE"
  'Een video die is geplaatst door',
  'Ett inlägg delat av', // sv
  'Ett foto publicerat av', // sv v4–v7
  'En video publicerad av',
  'Ett filmklipp publicerat av', // sv v6 video: "Ett filmklipp publicerat av NAME (@handle) DATE" (code index 3508932056)
  'Et innlegg delt av', // nb
  'Et opslag delt af', // da
  'Post udostępniony przez', // pl
  'Zdjęcie zamieszczone przez użytkownika', // pl v7
  'Film zamieszczony przez użytkownika',
  'Публикация от', // ru
  'Видео опубликовано', // ru v4–v7: "Видео опубликовано NAME (@handle) DATE"
  'Фото опубликовано',
  'Објава коју дели', // sr: "Објава коју дели NAME (@handle) дана DATE"
  'Допис, поширений', // uk
  'Příspěvek sdílený uživatelem', // cs
  'Příspěvek sdílený', // cs
  'Fotka zveřejněná uživatelem', // cs v7: "Fotka zveřejněná uživatelem NAME (@handle), DATE" (code index 46446857861)
  'Príspevok, ktorý zdieľa', // sk v14: "Príspevok, ktorý zdieľa NAME (@handle)" (web/interez-vondrackova-sk.txt)
  'Príspevok zdieľaný používateľom', // sk, unverified
  'Sebuah kiriman dibagikan oleh', // id
  'Hantaran dikongsi oleh', // ms, unverified
  'Isang post na ibinahagi ni', // tl, unverified
  'Η δημοσίευση κοινοποιήθηκε από', // el
  'Objavu dijeli', // hr (web/telegram-native-hr.php)
  'O postare distribuită de', // ro, unverified
  'โพสต์ที่แชร์โดย', // th
  'Bài viết do', // vi: "Bài viết do NAME (@handle) chia sẻ"
  'Henkilön', // fi: "Henkilön NAME (@handle) jakama julkaisu"
  'Käyttäjän', // fi
  'Kuva, jonka', // fi v7: "Kuva, jonka NAME (@handle) julkaisi DATE" (code index 25110148128)
];

/**
 * English bylines whose verb lost the word "share" to a page's filter of share-button labels:
 * "A post d by NAME (@handle) on Apr 14, 2018 at 12:36am PDT" (web/enjoytravelling-en.txt, 2026-12).
 * Words that broken can also be prose, so such a byline counts only with its date and clock time.
 */
export const CLIPPED_BYLINE_PREFIXES: readonly string[] = ['A post d by', 'A photo d by', 'A video d by'];

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
  'द्वारा साझा की गई एक पोस्ट', // hi, a page translator's rendering of the en byline (web/yabzh-stinasanders-hi.txt)
];
/** Honorifics and case endings the template puts between the name or handle and the suffix. */
export const NAME_HONORIFICS: readonly string[] = ['さん', '님'];

/** Lines inside an embed that are template chrome, not caption (v2 "Loading", "View on Instagram"). */
export const CHROME_LINES: readonly string[] = [...HEADER_PHRASES, 'Loading', 'View on Instagram', 'Instagram'];

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
