/** `<desk-card-composer>`: sends one Card, or (with `carousel`) a Carousel of two or more cards. */
import { html, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import './card-editor.js';
import type { DeskCardChangeEvent } from './card-editor.js';
import { cardContent, carouselContent, emptyCard, type CardDraft } from './content.js';
import { SendingElement } from './sending-element.js';

@customElement('desk-card-composer')
export class DeskCardComposer extends SendingElement {
  /** Carousel mode: several cards, at least two. */
  @property({ type: Boolean }) carousel = false;
  @state() private drafts: CardDraft[] = [];

  protected override willUpdate(): void {
    const wanted = this.carousel ? 2 : 1;
    if (this.drafts.length < wanted) {
      this.drafts = [...this.drafts, ...Array.from({ length: wanted - this.drafts.length }, emptyCard)];
    }
  }

  private async onSubmit(event: Event): Promise<void> {
    event.preventDefault();
    const sent = await this.submit(() => ({
      content: [this.carousel ? carouselContent(this.drafts) : cardContent(this.drafts[0] ?? emptyCard())],
    }));
    if (sent) this.drafts = [];
  }

  protected override render(): TemplateResult {
    const drafts = this.carousel ? this.drafts : this.drafts.slice(0, 1);
    const kind = this.carousel ? 'carousel' : 'card';
    return html`<form novalidate class="editor" aria-label=${this.carousel ? 'Carousel' : 'Card'} @submit=${this.onSubmit}>
      <div class=${this.carousel ? 'carousel-editor' : ''}>
        ${drafts.map((draft, i) => html`<div class="card-slot">
          <desk-card-editor .draft=${draft} legend=${this.carousel ? `Card ${i + 1}` : 'Card'}
            @desk-card-change=${(e: DeskCardChangeEvent) => {
              this.drafts = this.drafts.map((d, j) => (j === i ? e.detail.draft : d));
            }}></desk-card-editor>
          ${this.carousel && this.drafts.length > 2
            ? html`<button type="button" class="secondary" aria-label=${`Remove card ${i + 1}`}
                @click=${() => { this.drafts = this.drafts.filter((_, j) => j !== i); }}>Remove card</button>`
            : ''}
        </div>`)}
      </div>
      <div class="actions">
        ${this.carousel ? html`<button type="button" class="secondary"
          @click=${() => { this.drafts = [...this.drafts, emptyCard()]; }}>Add card</button>` : ''}
        <button type="submit" ?disabled=${this.disabled || this.busy}>Send ${kind}</button>
      </div>
      ${this.renderError()}
    </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap { 'desk-card-composer': DeskCardComposer }
}
