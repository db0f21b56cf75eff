/**
 * The optional pre-chat form's state: the fields the page declared, what the visitor typed, which fields were
 * touched, and what was submitted (kept in localStorage per deployment, so a reload does not ask again). The element
 * asks it whether the form is pending (no conversation starts until it is sent) and what it adds to the connection.
 * Parsing, validation and markup live in prechat.ts.
 */
import { nothing, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { UiContext } from './context.js';
import {
  parsePrechatFields, prechatResult, renderPrechat, validatePrechat, type PrechatField, type PrechatValues,
} from './prechat.js';

export interface PrechatFormOptions {
  /** The element's `prechatFields` (parsed again only when the page assigns a new value). */
  fields(): unknown;
  /** Where the submitted answers are kept (one key per deployment or gateway). */
  storageKey(): string;
  ctx(): UiContext;
  /** The shadow root, to move focus to the first field to fix. */
  root(): ParentNode;
  /** After a successful submit (the element focuses the composer). */
  submitted(): void;
}

/** Submitted answers kept for a deployment (strings only; anything else in storage is ignored). */
function readStoredValues(key: string): PrechatValues | null {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(key) ?? 'null');
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return null;
    return Object.fromEntries(Object.entries(parsed).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
  } catch {
    return null;
  }
}

export class PrechatForm {
  private source: unknown = null;
  private list: PrechatField[] = [];
  private draft: PrechatValues = {};
  private errors: Record<string, string> = {};
  private readonly touched = new Set<string>();
  private showSummary = false;
  private loadedFor = '';
  /** What the visitor submitted, or null while the form waits. */
  answers: PrechatValues | null = null;

  constructor(private readonly host: ReactiveControllerHost, private readonly options: PrechatFormOptions) {}

  private get fields(): PrechatField[] {
    const source = this.options.fields();
    if (this.source !== source) {
      this.source = source;
      this.list = parsePrechatFields(source);
    }
    return this.list;
  }

  /** The form is waiting for the visitor: no conversation starts until it is sent. */
  get pending(): boolean {
    if (!this.fields.length) return false;
    const key = this.options.storageKey();
    if (this.loadedFor !== key) {
      this.loadedFor = key;
      this.answers = readStoredValues(key);
    }
    return this.answers === null;
  }

  /** What the submitted form adds to the connection (custom attributes, display name). */
  connection(): ReturnType<typeof prechatResult> | null {
    return this.answers ? prechatResult(this.fields, this.answers) : null;
  }

  render(ctx: UiContext): TemplateResult | typeof nothing {
    if (!this.pending) return nothing;
    return renderPrechat({
      fields: this.fields, values: this.draft, errors: this.errors, showSummary: this.showSummary,
      onInput: this.onInput, onBlur: this.onBlur, onSubmit: this.onSubmit,
    }, ctx);
  }

  private readonly onInput = (name: string, value: string): void => {
    this.draft = { ...this.draft, [name]: value };
    if (this.touched.has(name)) this.revalidate();
    this.host.requestUpdate();
  };

  private readonly onBlur = (name: string): void => {
    if ((this.draft[name] ?? '') === '' && !this.showSummary) return; // do not scold a field just passed
    this.touched.add(name);
    this.revalidate();
    this.host.requestUpdate();
  };

  private readonly onSubmit = (event: Event): void => {
    event.preventDefault();
    const fields = this.fields;
    for (const field of fields) this.touched.add(field.name);
    this.revalidate();
    if (Object.keys(this.errors).length) {
      this.showSummary = true;
      this.host.requestUpdate();
      void this.host.updateComplete.then(() =>
        this.options.root().querySelector<HTMLElement>('.prechat [aria-invalid="true"]')?.focus());
      return;
    }
    const values: PrechatValues = {};
    for (const field of fields) values[field.name] = (this.draft[field.name] ?? '').trim();
    this.answers = values;
    try {
      localStorage.setItem(this.options.storageKey(), JSON.stringify(values));
    } catch {
      // storage full or blocked: the form is asked again after a reload, nothing else is lost
    }
    this.host.requestUpdate();
    void this.host.updateComplete.then(() => this.options.submitted());
  };

  private revalidate(): void {
    const all = validatePrechat(this.fields, this.draft, this.options.ctx());
    this.errors = Object.fromEntries(Object.entries(all).filter(([name]) => this.touched.has(name)));
  }
}
