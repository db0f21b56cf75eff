/**
 * Flattens a Lit TemplateResult into the HTML-like text it would produce (static parts and bound values in order),
 * so unit tests in Node can check what a render function binds to `href`/`src` without a browser.
 * Event listeners and `nothing` flatten to ''. Good enough for "which URL reaches which attribute".
 */
import { nothing, noChange, type TemplateResult } from 'lit';

function isTemplate(value: unknown): value is TemplateResult {
  return typeof value === 'object' && value !== null && Array.isArray((value as TemplateResult).strings)
    && Array.isArray((value as TemplateResult).values);
}

export function templateHtml(value: unknown): string {
  if (value === nothing || value === noChange || value === null || value === undefined || value === false) return '';
  if (typeof value === 'function') return '';
  if (Array.isArray(value)) return value.map(templateHtml).join('');
  if (isTemplate(value)) {
    return value.strings.reduce((out, part, i) => out + part + (i < value.values.length ? templateHtml(value.values[i]) : ''), '');
  }
  return String(value);
}

/** The values bound to `name=` attributes (e.g. every `href`), in order. Quoted or unquoted bindings. */
export function boundAttributes(html: string, name: string): string[] {
  const pattern = new RegExp(`\\s${name}=("([^"]*)"|([^\\s>]*))`, 'g');
  return [...html.matchAll(pattern)].map((m) => m[2] ?? m[3] ?? '');
}
