/**
 * i18n: picks the built-in locale for a language tag, merges the page's overrides, and fills placeholders.
 * English is built in and the fallback for any missing key or unknown language; every other language is a chunk of
 * its own, loaded on first use (`loadLocale`), so a page pays only for the language it shows.
 */
import { en, type GenesysChatStrings } from './i18n/en.js';

export type { GenesysChatStrings };

/** Built-in locales by primary language subtag (`pt` is Brazilian Portuguese), each its own chunk. */
const LOADERS: Readonly<Record<string, () => Promise<GenesysChatStrings>>> = {
  de: () => import('./i18n/de.js').then((m) => m.de),
  es: () => import('./i18n/es.js').then((m) => m.es),
  fr: () => import('./i18n/fr.js').then((m) => m.fr),
  it: () => import('./i18n/it.js').then((m) => m.it),
  ja: () => import('./i18n/ja.js').then((m) => m.ja),
  nl: () => import('./i18n/nl.js').then((m) => m.nl),
  pt: () => import('./i18n/pt-BR.js').then((m) => m.ptBR),
};

/** The languages the widget speaks out of the box (BCP 47). */
export const BUILT_IN_LANGUAGES: readonly string[] = ['en', 'de', 'es', 'fr', 'it', 'ja', 'nl', 'pt-BR'];

const loaded = new Map<string, GenesysChatStrings>([['en', en]]);
const loading = new Map<string, Promise<void>>();

/** The built-in locale a tag uses: `de-AT` -> `de`, `pt-PT` -> `pt` (Brazilian), unknown -> `en`. */
export function localeKey(lang: string): string {
  const primary = lang.toLowerCase().split(/[-_]/)[0] ?? 'en';
  return LOADERS[primary] ? primary : 'en';
}

/** Whether `resolveStrings(lang)` already has its language (no load pending). */
export function isLocaleLoaded(lang: string): boolean {
  return loaded.has(localeKey(lang));
}

/**
 * Loads the built-in strings for `lang` once. Never rejects: when the chunk cannot be loaded the widget stays in
 * English (and says so in the console).
 */
export function loadLocale(lang: string): Promise<void> {
  const key = localeKey(lang);
  const loader = LOADERS[key];
  if (loaded.has(key) || !loader) return Promise.resolve();
  let pending = loading.get(key);
  if (!pending) {
    pending = loader().then(
      (strings) => void loaded.set(key, strings),
      (error: unknown) => {
        console.warn(`[genesys-chat] could not load the "${key}" strings; using English`, error);
        loaded.set(key, en);
      },
    );
    loading.set(key, pending);
  }
  return pending;
}

/** What the deployment says about languages (config.json; direct mode, once known). */
export interface DeploymentLanguages {
  languages?: readonly string[];
  defaultLanguage?: string;
}

const primaryOf = (tag: string): string => tag.toLowerCase().split(/[-_]/)[0] ?? '';

/**
 * The language the widget uses: its own `lang` as given; else the page's language (the nearest `lang`) when the
 * deployment lists it (by primary subtag) or lists nothing; else the deployment's default language (its bot and
 * agents speak that, as Genesys Messenger does); else English.
 */
export function pickLanguage(
  elementLang: string | null | undefined,
  documentLang?: string | null,
  deployment?: DeploymentLanguages | null,
): string {
  const own = elementLang?.trim();
  if (own) return own;
  const page = documentLang?.trim();
  const listed = deployment?.languages ?? [];
  const fallback = deployment?.defaultLanguage?.trim();
  if (page && (!listed.length || listed.some((language) => primaryOf(language) === primaryOf(page)))) return page;
  return fallback || page || 'en';
}

/**
 * Strings for `lang` (e.g. `de-AT` uses `de`), with the page's overrides applied on top. A language whose chunk is
 * not loaded yet reads as English until `loadLocale(lang)` has resolved.
 */
export function resolveStrings(lang: string, overrides?: Partial<GenesysChatStrings> | null): GenesysChatStrings {
  const base = loaded.get(localeKey(lang)) ?? en;
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
