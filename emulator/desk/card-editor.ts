/** `<desk-card-editor>`: edits one card draft (title, description, image URL, link/postback buttons). */
import { html, type TemplateResult } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { emptyCard, type ButtonDraft, type CardDraft } from './content.js';
import { LightElement } from './light-element.js';

/** Fired with the whole new draft on every edit. */
export type DeskCardChangeEvent = CustomEvent<{ draft: CardDraft }>;

const inputValue = (e: Event): string => (e.target as HTMLInputElement | HTMLSelectElement).value;

@customElement('desk-card-editor')
export class DeskCardEditor extends LightElement {
  @property({ attribute: false }) draft: CardDraft = emptyCard();
  /** Shown in the legend, e.g. "Card 2". */
  @property() legend = 'Card';

  private change(patch: Partial<CardDraft>): void {
    const draft = { ...this.draft, ...patch };
    this.draft = draft;
    this.dispatchEvent(new CustomEvent('desk-card-change', { detail: { draft }, bubbles: true, composed: true }));
  }

  private changeButton(index: number, patch: Partial<ButtonDraft>): void {
    this.change({ buttons: this.draft.buttons.map((b, i) => (i === index ? { ...b, ...patch } : b)) });
  }

  private renderButton(button: ButtonDraft, index: number): TemplateResult {
    const n = index + 1;
    return html`<li class="row button-row">
      <label>Button ${n} kind
        <select .value=${button.kind} @change=${(e: Event) => this.changeButton(index, { kind: inputValue(e) === 'Link' ? 'Link' : 'Postback' })}>
          <option value="Link" ?selected=${button.kind === 'Link'}>Link</option>
          <option value="Postback" ?selected=${button.kind === 'Postback'}>Postback</option>
        </select></label>
      <label>Button ${n} label
        <input type="text" .value=${button.text} @input=${(e: Event) => this.changeButton(index, { text: inputValue(e) })}></label>
      <label>Button ${n} ${button.kind === 'Link' ? 'URL' : 'payload'}
        <input type=${button.kind === 'Link' ? 'url' : 'text'} .value=${button.value}
          placeholder=${button.kind === 'Link' ? 'https://…' : 'from the label'}
          @input=${(e: Event) => this.changeButton(index, { value: inputValue(e) })}></label>
      <button type="button" class="secondary" aria-label=${`Remove button ${n}`}
        @click=${() => this.change({ buttons: this.draft.buttons.filter((_, i) => i !== index) })}>Remove</button>
    </li>`;
  }

  protected override render(): TemplateResult {
    const d = this.draft;
    return html`<fieldset class="card-editor">
      <legend>${this.legend}</legend>
      <label>${this.legend} title <input type="text" aria-required="true" .value=${d.title}
        @input=${(e: Event) => this.change({ title: inputValue(e) })}></label>
      <label>${this.legend} description <textarea rows="2" .value=${d.description}
        @input=${(e: Event) => this.change({ description: inputValue(e) })}></textarea></label>
      <label>${this.legend} image URL <input type="url" placeholder="https://…" .value=${d.image}
        @input=${(e: Event) => this.change({ image: inputValue(e) })}></label>
      <ul class="rows">${d.buttons.map((b, i) => this.renderButton(b, i))}</ul>
      <button type="button" class="secondary"
        @click=${() => this.change({ buttons: [...d.buttons, { kind: 'Postback', text: '', value: '' }] })}>Add button</button>
    </fieldset>`;
  }
}

declare global {
  interface HTMLElementTagNameMap { 'desk-card-editor': DeskCardEditor }
}
