import { LitElement } from 'lit';

/**
 * Desk components render into the light DOM so one stylesheet (`/desk/desk.css`, served as a file) styles the
 * whole page: no inline styles, so the page works under a strict CSP.
 */
export class LightElement extends LitElement {
  protected override createRenderRoot(): HTMLElement {
    return this;
  }
}

/** Reads an error as a sentence. */
export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
