/**
 * i18n: picks the built-in locale for a language tag, merges the page's overrides, and fills placeholders.
 * English is the fallback for any missing key or unknown language.
 */
import { en, type GenesysChatStrings } from './i18n/en.js';
import { de } from './i18n/de.js';

export type { GenesysChatStrings };

/** The built-in locales, by primary language subtag. */
export const BUILT_IN_LOCALES: Readonly<Record<string, GenesysChatStrings>> = { en, de };

/** The language the widget uses: its own `lang`, else the document's, else English. */
export function pickLanguage(elementLang: string | null | undefined, documentLang?: string | null): string {
  const tag = (elementLang || documentLang || 'en').trim();
  return tag || 'en';
}

/** Strings for `lang` (e.g. `de-AT` uses `de`), with the page's overrides applied on top. */
export function resolveStrings(lang: string, overrides?: Partial<GenesysChatStrings> | null): GenesysChatStrings {
  const primary = lang.toLowerCase().split(/[-_]/)[0] ?? 'en';
  const base = BUILT_IN_LOCALES[primary] ?? en;
  const merged: GenesysChatStrings = { ...en, ...base };
  if (overrides) {
    for (const key of Object.keys(overrides) as (keyof GenesysChatStrings)[]) {
      const value = overrides[key];
      if (typeof value === 'string') merged[key] = value;
    }
  }
  return merged;
}

/** Replaces `{name}` placeholders; unknown placeholders stay visible so a typo in an override is noticed. */
export function formatString(template: string, values: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (match, name: string) =>
    Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : match);
}

/** A bound translator: `t('typing', { name })`. */
export type Translate = (key: keyof GenesysChatStrings, values?: Record<string, string | number>) => string;

export function translator(strings: GenesysChatStrings): Translate {
  return (key, values) => formatString(strings[key], values);
}
