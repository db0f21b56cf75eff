/**
 * The optional pre-chat form: fields the site declares (`prechat-fields`, JSON), shown before the first message.
 * Values become custom attributes of the conversation (Architect flows read them) and, for the field marked
 * `displayName`, the guest's display name. Validated in the browser with messages tied to each field
 * (`aria-describedby`), a summary read out on a failed submit, and focus on the first field to fix.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { UiContext } from './context.js';

export type PrechatFieldType = 'text' | 'email' | 'tel' | 'textarea' | 'select';

/** One field of the pre-chat form, as the site declares it. */
export interface PrechatField {
  /** The custom attribute the value is sent as (letters, digits, `_`, `-`, `.`). */
  name: string;
  /** The visible label. */
  label: string;
  /** Default `text`. */
  type?: PrechatFieldType;
  required?: boolean;
  /** Choices of a `select`: values, or `{ value, label }`. */
  options?: (string | { value: string; label: string })[];
  /** Longest value accepted (default 256, at most 1000). */
  maxLength?: number;
  /** A regular expression the whole value must match (e.g. an order number). */
  pattern?: string;
  placeholder?: string;
  /** An `autocomplete` token (`name`, `email`, `tel`, …). */
  autocomplete?: string;
  /** The value is also the guest's display name. */
  displayName?: boolean;
}

export type PrechatValues = Record<string, string>;

const TYPES: readonly PrechatFieldType[] = ['text', 'email', 'tel', 'textarea', 'select'];
const NAME = /^[A-Za-z0-9_.-]{1,64}$/;
const DEFAULT_MAX_LENGTH = 256;
const MAX_LENGTH_CAP = 1000;
/** Deliberately loose (the browser's own rule for type=email): something@something.something. */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The site's field list, checked: a JSON string (the attribute) or an array (the property). Fields that are not
 * usable are left out with a console warning naming the problem; a form with no usable field is no form.
 */
export function parsePrechatFields(input: unknown): PrechatField[] {
  let raw = input;
  if (typeof raw === 'string') {
    if (!raw.trim()) return [];
    try {
      raw = JSON.parse(raw);
    } catch {
      console.warn('[genesys-chat] prechat-fields is not JSON; no pre-chat form');
      return [];
    }
  }
  if (!Array.isArray(raw)) return [];
  const fields: PrechatField[] = [];
  const seen = new Set<string>();
  raw.forEach((entry: unknown, index) => {
    const problem = fieldProblem(entry, seen);
    if (problem || !isRecord(entry)) {
      console.warn(`[genesys-chat] pre-chat field ${index} left out: ${problem}`);
      return;
    }
    const field: PrechatField = { name: String(entry.name), label: String(entry.label) };
    if (typeof entry.type === 'string') field.type = entry.type as PrechatFieldType;
    if (entry.required === true) field.required = true;
    if (entry.displayName === true) field.displayName = true;
    if (typeof entry.maxLength === 'number') field.maxLength = Math.min(MAX_LENGTH_CAP, Math.max(1, Math.floor(entry.maxLength)));
    for (const key of ['pattern', 'placeholder', 'autocomplete'] as const) {
      if (typeof entry[key] === 'string') field[key] = entry[key];
    }
    if (Array.isArray(entry.options)) {
      field.options = (entry.options as unknown[]).flatMap((option): (string | { value: string; label: string })[] => {
        if (typeof option === 'string') return [option];
        if (isRecord(option) && typeof option.value === 'string' && typeof option.label === 'string') {
          return [{ value: option.value, label: option.label }];
        }
        return [];
      });
    }
    seen.add(field.name);
    fields.push(field);
  });
  return fields;
}

function fieldProblem(entry: unknown, seen: Set<string>): string | null {
  if (!isRecord(entry)) return 'not an object';
  if (typeof entry.name !== 'string' || !NAME.test(entry.name)) return 'name must be 1-64 letters, digits, _ - .';
  if (seen.has(entry.name)) return `name "${entry.name}" is used twice`;
  if (typeof entry.label !== 'string' || !entry.label.trim()) return 'label must be a non-empty string';
  if (entry.type !== undefined && !TYPES.includes(entry.type as PrechatFieldType)) return `type must be one of ${TYPES.join(', ')}`;
  if (entry.type === 'select' && (!Array.isArray(entry.options) || entry.options.length === 0)) return 'a select needs options';
  if (typeof entry.pattern === 'string') {
    try {
      new RegExp(entry.pattern, 'u');
    } catch {
      return 'pattern is not a valid regular expression';
    }
  }
  return null;
}

const optionValue = (option: string | { value: string; label: string }): string =>
  typeof option === 'string' ? option : option.value;
const optionLabel = (option: string | { value: string; label: string }): string =>
  typeof option === 'string' ? option : option.label;

/** Why `value` is not acceptable for `field`, in the visitor's language; empty when it is. */
export function validateField(field: PrechatField, raw: string, ctx: Pick<UiContext, 't'>): string {
  const value = raw.trim();
  const label = field.label;
  if (!value) return field.required ? ctx.t('prechatRequired', { label }) : '';
  const max = field.maxLength ?? DEFAULT_MAX_LENGTH;
  if ([...value].length > max) return ctx.t('prechatTooLong', { label, max });
  if (field.type === 'email' && !EMAIL.test(value)) return ctx.t('prechatInvalidEmail');
  if (field.type === 'select' && !(field.options ?? []).some((option) => optionValue(option) === value)) {
    return ctx.t('prechatInvalid', { label });
  }
  if (field.pattern && !new RegExp(`^(?:${field.pattern})$`, 'u').test(value)) return ctx.t('prechatInvalid', { label });
  return '';
}

/** Every field's problem (only fields that have one). */
export function validatePrechat(fields: readonly PrechatField[], values: PrechatValues, ctx: Pick<UiContext, 't'>): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const field of fields) {
    const error = validateField(field, values[field.name] ?? '', ctx);
    if (error) errors[field.name] = error;
  }
  return errors;
}

/** What the conversation gets: trimmed non-empty values as custom attributes, and the display name if one is marked. */
export function prechatResult(fields: readonly PrechatField[], values: PrechatValues): { customAttributes: Record<string, string>; displayName?: string } {
  const customAttributes: Record<string, string> = {};
  let displayName: string | undefined;
  for (const field of fields) {
    const value = (values[field.name] ?? '').trim();
    if (!value) continue;
    customAttributes[field.name] = value;
    if (field.displayName && !displayName) displayName = value;
  }
  return displayName ? { customAttributes, displayName } : { customAttributes };
}

export interface PrechatView {
  fields: readonly PrechatField[];
  values: PrechatValues;
  /** Shown once the visitor tried to submit (or left a field). */
  errors: Record<string, string>;
  /** A failed submit: the summary is announced. */
  showSummary: boolean;
  onInput(name: string, value: string): void;
  onBlur(name: string): void;
  onSubmit(event: Event): void;
}

function renderControl(field: PrechatField, view: PrechatView, ctx: UiContext): TemplateResult {
  const id = `prechat-${field.name}`;
  const error = view.errors[field.name];
  const value = view.values[field.name] ?? '';
  const describedBy = error ? `${id}-error` : nothing;
  const input = (event: Event) => view.onInput(field.name, (event.target as HTMLInputElement).value);
  const blur = () => view.onBlur(field.name);
  if (field.type === 'select') {
    return html`<select id=${id} name=${field.name} class="prechat__control" ?required=${field.required}
        aria-invalid=${error ? 'true' : 'false'} aria-describedby=${describedBy} autocomplete=${field.autocomplete ?? nothing}
        .value=${value} @change=${input} @blur=${blur}>
      <option value="">${ctx.t('prechatChoose')}</option>
      ${(field.options ?? []).map((option) => html`<option value=${optionValue(option)}
        ?selected=${optionValue(option) === value}>${optionLabel(option)}</option>`)}
    </select>`;
  }
  if (field.type === 'textarea') {
    return html`<textarea id=${id} name=${field.name} class="prechat__control" rows="3" ?required=${field.required}
      maxlength=${field.maxLength ?? DEFAULT_MAX_LENGTH} placeholder=${field.placeholder ?? nothing}
      aria-invalid=${error ? 'true' : 'false'} aria-describedby=${describedBy} autocomplete=${field.autocomplete ?? nothing}
      .value=${value} @input=${input} @blur=${blur}></textarea>`;
  }
  const type = field.type ?? 'text';
  return html`<input id=${id} name=${field.name} class="prechat__control" type=${type} ?required=${field.required}
    maxlength=${field.maxLength ?? DEFAULT_MAX_LENGTH} placeholder=${field.placeholder ?? nothing}
    autocomplete=${field.autocomplete ?? (type === 'email' ? 'email' : type === 'tel' ? 'tel' : nothing)}
    aria-invalid=${error ? 'true' : 'false'} aria-describedby=${describedBy}
    .value=${value} @input=${input} @blur=${blur} />`;
}

/** The form (part `prechat`). `novalidate`: our own messages, in the widget's language, replace the browser's. */
export function renderPrechat(view: PrechatView, ctx: UiContext): TemplateResult {
  const errorCount = Object.keys(view.errors).length;
  return html`<form part="prechat" class="prechat" novalidate aria-labelledby="prechat-title" @submit=${view.onSubmit}>
    <h3 class="prechat__title" id="prechat-title">${ctx.t('prechatTitle')}</h3>
    <p class="prechat__intro">${ctx.t('prechatIntro')}</p>
    ${view.showSummary && errorCount ? html`<p class="prechat__summary" role="alert">${ctx.t('prechatFixErrors')}</p>` : nothing}
    ${view.fields.map((field) => html`<div class="prechat__field">
      <label class="prechat__label" for=${`prechat-${field.name}`}>${field.label}${field.required
        ? nothing : html` <span class="prechat__optional">${ctx.t('prechatOptional')}</span>`}</label>
      ${renderControl(field, view, ctx)}
      ${view.errors[field.name] ? html`<span class="prechat__error" id=${`prechat-${field.name}-error`}>${view.errors[field.name]}</span>` : nothing}
    </div>`)}
    <button type="submit" part="prechat-submit" class="primary-button prechat__submit">${ctx.t('prechatSubmit')}</button>
  </form>`;
}
