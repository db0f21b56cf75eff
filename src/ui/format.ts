/** Dates, times, sizes and names as people read them, in the widget's language. */
import type { ChatMessage } from '../model.js';
import type { Translate } from '../i18n.js';

function parseTime(iso: string): Date | null {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** An Intl format per locale, made once (making one costs far more than using it; the first loads ICU's data). */
function formatCache<F>(make: (locale: string) => F): (locale: string) => F {
  const made = new Map<string, F>();
  return (locale) => {
    let format = made.get(locale);
    if (!format) {
      format = make(locale);
      made.set(locale, format);
    }
    return format;
  };
}

const timeFormat = formatCache((locale) => new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit' }));
const dayFormat = formatCache((locale) =>
  new Intl.DateTimeFormat(locale, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }));
const wholeNumber = formatCache((locale) => new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }));
const oneDecimal = formatCache((locale) => new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }));

type Clock = (hours: number, minutes: string) => string;
const twelveHour: Clock = (hours, minutes) => `${hours % 12 || 12}:${minutes} ${hours < 12 ? 'AM' : 'PM'}`;
const twentyFourHour: Clock = (hours, minutes) => `${hours}:${minutes}`;

/**
 * The clocks of the languages the widget ships (and their common regions), written out as Chromium's ICU formats
 * `{ hour: 'numeric', minute: '2-digit' }` for them: a page's first Intl date or number format loads ICU's data
 * (15-70 ms of main thread in a fresh Chromium page on the 2-core bench machine), which otherwise lands in the render
 * of the greeting or of a reloaded history. Checked against Intl for every minute of a day
 * (test/component/format.test.ts). Any other locale (`en-CA`, `fr-CA`, a `-u-hc-` extension) uses Intl. Other
 * browsers' Intl may pad an hour differently (`03:05`): the widget shows Chromium's form everywhere.
 */
const CLOCKS: ReadonlyMap<string, Clock> = new Map([
  ...['en', 'en-us'].map((tag) => [tag, twelveHour] as const),
  ...['en-gb', 'en-ie', 'de', 'de-de', 'de-at', 'de-ch', 'es', 'es-es', 'fr', 'fr-fr', 'fr-be', 'fr-ch', 'it', 'it-it',
    'it-ch', 'ja', 'ja-jp', 'nl', 'nl-nl', 'nl-be', 'pt', 'pt-br', 'pt-pt'].map((tag) => [tag, twentyFourHour] as const),
]);

/** The locales (lower case) whose clock is written out above. */
export const CLOCK_LOCALES: readonly string[] = [...CLOCKS.keys()];

/** `10:42` (or `10:42 AM`), in the reader's time zone. Empty for an unreadable time. */
export function formatTime(iso: string, locale: string): string {
  const date = parseTime(iso);
  if (!date) return '';
  const clock = CLOCKS.get(locale.toLowerCase());
  return clock ? clock(date.getHours(), String(date.getMinutes()).padStart(2, '0')) : timeFormat(locale).format(date);
}

/**
 * Creates the time format of `locale` ahead of the first message when it needs Intl (see CLOCKS), so that ICU's data
 * loads while the page is idle, not in the render of the greeting or the reloaded history.
 */
export function prepareTimeFormat(locale: string): void {
  if (!CLOCKS.has(locale.toLowerCase())) timeFormat(locale).format(0);
}

/** A key that is equal for two times on the same local calendar day. */
export function dayKey(iso: string): string {
  const date = parseTime(iso);
  if (!date) return '';
  return `${date.getFullYear()}-${date.getMonth()}-${date.getDate()}`;
}

/** `Today`, `Yesterday`, or a full date such as `Monday, 3 March 2025`. */
export function formatDay(iso: string, locale: string, t: Translate, now: Date = new Date()): string {
  const date = parseTime(iso);
  if (!date) return '';
  const key = dayKey(iso);
  if (key === dayKey(now.toISOString())) return t('today');
  const yesterday = new Date(now);
  yesterday.setDate(now.getDate() - 1);
  if (key === dayKey(yesterday.toISOString())) return t('yesterday');
  return dayFormat(locale).format(date);
}

/** `2.4 MB`, `512 KB`, `12 bytes`. */
export function formatFileSize(bytes: number, locale: string): string {
  if (bytes >= 1024 * 1024) return `${oneDecimal(locale).format(bytes / (1024 * 1024))} MB`;
  if (bytes >= 1024) return `${wholeNumber(locale).format(bytes / 1024)} KB`;
  return `${wholeNumber(locale).format(bytes)} bytes`;
}

/** The name shown on a bubble: the sender's, else the role's word. */
export function senderName(message: ChatMessage, t: Translate): string {
  const name = message.sender?.name?.trim();
  if (message.role === 'guest') return t('you');
  if (name) return name;
  return message.role === 'bot' ? t('bot') : t('agent');
}

/** One or two initials for an avatar without a picture. */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const letters = words.slice(0, 2).map((word) => Array.from(word)[0] ?? '').join('');
  return letters.toUpperCase() || '?';
}
