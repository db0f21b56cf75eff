/**
 * The pre-chat form behind a chunk: prechat-form.ts and prechat.ts (fields, validation, markup) load only when the
 * page declares fields. Until then the form counts as pending (no conversation starts without its answers); a chunk
 * that cannot load is logged and the chat starts without the form.
 */
import { nothing, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { UiContext } from './context.js';
import type { PrechatField, PrechatValues } from './prechat.js';
import type { PrechatForm, PrechatFormOptions } from './prechat-form.js';

/**
 * The `prechat-fields` attribute: its JSON, not yet checked (prechat.ts checks every field when the form loads and
 * leaves out, with a warning, what is not usable).
 */
export function prechatFieldsAttribute(value: string | null): PrechatField[] {
  if (!value?.trim()) return [];
  try {
    const parsed: unknown = JSON.parse(value);
    return Array.isArray(parsed) ? parsed as PrechatField[] : [];
  } catch {
    console.warn('[genesys-chat] prechat-fields is not JSON; no pre-chat form');
    return [];
  }
}

export class LazyPrechat {
  private form: PrechatForm | null = null;
  private loading: Promise<void> | null = null;
  private failed = false;

  /** `track`: the element's updateComplete waits for the chunk (the form is there when the update is complete). */
  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: PrechatFormOptions,
    private readonly track: (loading: Promise<unknown>) => void,
  ) {}

  private declared(): boolean {
    const fields = this.options.fields();
    return Array.isArray(fields) ? fields.length > 0 : typeof fields === 'string' && fields.trim() !== '';
  }

  /** The form is waiting for the visitor (or still loading): no conversation starts until it is sent. */
  get pending(): boolean {
    if (this.form) return this.form.pending;
    if (this.failed || !this.declared()) return false;
    this.load();
    return true;
  }

  get answers(): PrechatValues | null {
    return this.form?.answers ?? null;
  }

  connection(): ReturnType<PrechatForm['connection']> {
    return this.form?.connection() ?? null;
  }

  render(ctx: UiContext): TemplateResult | typeof nothing {
    return this.form ? this.form.render(ctx) : nothing;
  }

  private load(): void {
    if (this.loading) return;
    this.loading = import('./prechat-form.js').then(
      ({ PrechatForm }) => {
        this.form = new PrechatForm(this.host, this.options);
      },
      (error: unknown) => {
        this.failed = true;
        console.warn('[genesys-chat] the pre-chat form could not be loaded; the chat starts without it', error);
      },
    ).finally(() => this.host.requestUpdate());
    this.track(this.loading);
  }
}
