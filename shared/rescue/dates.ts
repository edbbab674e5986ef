import { MONTHS, THAI_MONTH_ABBREVIATIONS, ZONES } from './date-words.js';

/**
 * Reads the visible date of a byline ("Jan 23, 2015 at 4:25pm PST", "2016 12月 15 3:45午前 PST",
 * "23. Okt 2017 um 0:31 Uhr", "1 de Nov de 2018 a las 9:47 PDT", "29 Mars 2017 à 11h25 PDT",
 * "2017 8월 30 오전 2:31 PDT") into an ISO UTC instant, or null when a part is missing.
 * A date without a zone is Pacific time: Instagram rendered every embed date in Los Angeles time
 * (corpus 24, "0:31 Uhr" = 07:31Z, observed 2026-11).
 */
export function parseVisibleDate(text: string): string | null {
  return parseVisibleDateDetail(text)?.iso ?? null;
}

/**
 * The visible date and how precise it is: with a clock time it names a minute, else a day.
 * `zoned` says the text names its time zone ("PDT", "GMT+2") rather than leaving it to Pacific time.
 */
export function parseVisibleDateDetail(text: string): { iso: string; precision: 'minute' | 'day'; zoned: boolean } | null {
  let rest = ` ${text.normalize('NFC')} `;

  let offsetHours: number | null = null;
  const numericZone = /\b(?:UTC|GMT)\s*([+-])\s*(\d{1,2})(?::?(\d{2}))?/.exec(rest);
  if (numericZone) {
    offsetHours = (numericZone[1] === '-' ? -1 : 1) * (Number(numericZone[2]) + Number(numericZone[3] ?? 0) / 60);
    rest = rest.replace(numericZone[0], ' ');
  } else {
    for (const m of rest.matchAll(/\b([A-Z]{3,5})\b/g)) {
      const zone = ZONES.get(m[1] ?? '');
      if (zone !== undefined) {
        offsetHours = zone;
        rest = rest.replace(m[0], ' ');
        break;
      }
    }
  }

  // fi v7 wrote the month as its number with the partitive ending, the day before it: "27. 08ta 2016
  // klo 9.18 PDT" (code index file_id 25110148128, 2026-12). Read first, or the clock rule takes "27. 08".
  let day: number | null = null;
  let month: number | null = null;
  const partitiveMonth = /(?<![\d.])(\d{1,2})\.\s*(\d{1,2})ta(?!\p{L})/u.exec(rest);
  if (partitiveMonth) {
    day = Number(partitiveMonth[1]);
    month = Number(partitiveMonth[2]);
    rest = rest.replace(partitiveMonth[0], ' ');
  }

  // ja v12 writes the clock in kanji, hour 時 and minute 分: "2019年 5月月23日午前5時17分PDT" (code index
  // file_id 22538138210, 2026-12).
  const time =
    /(午前|午後|오전|오후|上午|下午)?\s*(?<![\d.])(\d{1,2})\s*(?:[:h.]|時)\s*(\d{2})(?!\d)分?(?:\s*(a\.?\s?m\.?|p\.?\s?m\.?|午前|午後|오전|오후|上午|下午))?/i.exec(
      rest,
    );
  let hour = 0;
  let minute = 0;
  if (time) {
    hour = Number(time[2]);
    minute = Number(time[3]);
    const marker = (time[1] ?? time[4] ?? '').toLowerCase().replace(/[.\s]/g, '');
    if ((marker === 'pm' || marker === '午後' || marker === '오후' || marker === '下午') && hour < 12) hour += 12;
    if ((marker === 'am' || marker === '午前' || marker === '오전' || marker === '上午') && hour === 12) hour = 0;
    rest = rest.replace(time[0], ' ');
  }

  const yearMatch = /(?<!\d)((?:19|20)\d{2})(?:\s*年)?(?!\d)/.exec(rest);
  if (!yearMatch) return null;
  const year = Number(yearMatch[1]);
  rest = rest.replace(yearMatch[0], ' ');

  const numericMonth = month === null ? /(?<!\d)(\d{1,2})\s*[月월]/.exec(rest) : null;
  if (numericMonth) {
    month = Number(numericMonth[1]);
    rest = rest.replace(numericMonth[0], ' ');
  } else if (month === null) {
    for (const [abbreviation, number] of THAI_MONTH_ABBREVIATIONS) {
      if (rest.includes(abbreviation)) {
        month = number;
        rest = rest.replace(abbreviation, ' ');
        break;
      }
    }
  }
  if (month === null) {
    for (const word of rest.toLowerCase().match(/\p{L}+/gu) ?? []) {
      const found = MONTHS.get(word) ?? MONTHS.get(word.slice(0, 4)) ?? (word.length >= 3 ? MONTHS.get(word.slice(0, 3)) : undefined);
      if (found !== undefined) {
        month = found;
        break;
      }
    }
  }
  if (day === null) {
    const dayMatch = /(?<!\d)(\d{1,2})(?!\d)/.exec(rest);
    if (dayMatch) day = Number(dayMatch[1]);
  }
  if (month === null || day === null) return null;
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59) return null;

  const wallMs = Date.UTC(year, month - 1, day, hour, minute);
  const check = new Date(wallMs);
  if (check.getUTCDate() !== day) return null;
  const offset = offsetHours ?? pacificOffset(wallMs);
  return { iso: toIsoSeconds(new Date(wallMs - offset * 3_600_000)), precision: time ? 'minute' : 'day', zoned: offsetHours !== null };
}

/** US Pacific offset for a wall-clock time: -7 in daylight time, else -8 (rules of 1987–2006 and 2007–). */
export function pacificOffset(wallMs: number): number {
  const year = new Date(wallMs).getUTCFullYear();
  const [startMonth, startNth, endMonth, endNth] = year >= 2007 ? [2, 2, 10, 1] : [3, 1, 9, -1];
  const start = nthSunday(year, startMonth, startNth) + 2 * 3_600_000;
  const end = nthSunday(year, endMonth, endNth) + 2 * 3_600_000;
  return wallMs >= start && wallMs < end ? -7 : -8;
}

/** The n-th Sunday of a month (n = -1: the last one), at 00:00 wall time. */
function nthSunday(year: number, month: number, n: number): number {
  if (n > 0) {
    const first = new Date(Date.UTC(year, month, 1));
    const day = 1 + ((7 - first.getUTCDay()) % 7) + (n - 1) * 7;
    return Date.UTC(year, month, day);
  }
  const last = new Date(Date.UTC(year, month + 1, 0));
  return Date.UTC(year, month, last.getUTCDate() - last.getUTCDay());
}

/** `datetime` attribute values are ISO 8601 with an offset (corpus: "2015-01-24T00:25:23+00:00"). */
export function parseDatetimeAttribute(value: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value.trim())) return null;
  const ms = Date.parse(value.trim());
  return Number.isFinite(ms) ? toIsoSeconds(new Date(ms)) : null;
}

export function toIsoSeconds(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
