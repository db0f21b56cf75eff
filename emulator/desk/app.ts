/**
 * The agent desk page (`/desk`): `<desk-app>` polls the control API, lists conversations and lets a person play an
 * agent on the selected one. Bundled on first request by plugin.ts.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { keyed } from 'lit/directives/keyed.js';
import { deskApi } from './api.js';
import './composer.js';
import './conversation-list.js';
import type { DeskSelectEvent } from './conversation-list.js';
import { errorText, LightElement } from './light-element.js';
import './transcript-view.js';
import { customerLabel, type DeskAgent, type DeskConversation, type DeskSend } from './types.js';

/** How often the desk re-reads the conversations. */
export const POLL_INTERVAL_MS = 1_000;
const AGENT_KEY = 'genesys-chat:desk:agentId';

@customElement('desk-app')
export class DeskApp extends LightElement {
  @state() private conversations: DeskConversation[] = [];
  @state() private agents: DeskAgent[] = [];
  @state() private queueNames = new Map<string, string>();
  @state() private agentId = '';
  @state() private selectedId: string | null = null;
  /** Problem reaching the emulator (polling); cleared by the next good poll. */
  @state() private connectionError = '';
  /** Problem with the last take/end action. */
  @state() private actionError = '';
  @state() private busy = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private lastSnapshot = '';
  private running = false;

  override connectedCallback(): void {
    super.connectedCallback();
    this.running = true;
    this.selectedId = decodeURIComponent(window.location.hash.slice(1)) || null;
    this.agentId = localStorage.getItem(AGENT_KEY) ?? '';
    void this.loadWorld();
    void this.poll();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.running = false;
    clearTimeout(this.timer);
  }

  private async loadWorld(): Promise<void> {
    try {
      const world = await deskApi.getWorld();
      this.agents = world.agents;
      this.queueNames = new Map(world.queues.map((q) => [q.id, q.name]));
      if (!this.agents.some((a) => a.id === this.agentId)) this.agentId = this.agents[0]?.id ?? '';
    } catch (error) {
      this.connectionError = `Could not load agents: ${errorText(error)}`;
    }
  }

  /** Reads the conversations; re-renders only when something changed. */
  private async refresh(): Promise<void> {
    const list = await deskApi.listConversations();
    const snapshot = JSON.stringify(list);
    if (snapshot !== this.lastSnapshot) {
      this.lastSnapshot = snapshot;
      this.conversations = list;
    }
    this.connectionError = '';
  }

  private async poll(): Promise<void> {
    try {
      await this.refresh();
    } catch (error) {
      this.connectionError = errorText(error);
    }
    if (this.running) this.timer = setTimeout(() => void this.poll(), POLL_INTERVAL_MS);
  }

  private get selected(): DeskConversation | null {
    return this.conversations.find((c) => c.id === this.selectedId) ?? null;
  }

  private onSelect(event: DeskSelectEvent): void {
    this.selectedId = event.detail.id;
    this.actionError = '';
    history.replaceState(null, '', `#${encodeURIComponent(event.detail.id)}`);
  }

  private onAgentChange(event: Event): void {
    this.agentId = (event.target as HTMLSelectElement).value;
    localStorage.setItem(AGENT_KEY, this.agentId);
  }

  /** Runs a take/end action, shows its error in words, and refreshes at once. */
  private async act(action: () => Promise<void>): Promise<void> {
    this.busy = true;
    this.actionError = '';
    try {
      await action();
    } catch (error) {
      this.actionError = errorText(error);
    } finally {
      this.busy = false;
    }
    await this.refresh().catch(() => undefined);
  }

  private readonly send: DeskSend = async (message) => {
    const id = this.selectedId;
    if (!id) throw new Error('No conversation is selected.');
    await deskApi.send(id, message);
    await this.refresh().catch(() => undefined);
  };

  private readonly typing = async (): Promise<void> => {
    if (this.selectedId) await deskApi.typing(this.selectedId);
  };

  private agentName(id: string | undefined): string {
    return (id && this.agents.find((a) => a.id === id)?.name) || id || 'nobody';
  }

  private renderDetail(c: DeskConversation): TemplateResult {
    const attributes = Object.entries(c.customAttributes);
    const canReply = c.state === 'active';
    return html`<section class="detail" aria-labelledby="detail-title">
      <header class="detail-head">
        <div>
          <h2 id="detail-title">${customerLabel(c)}</h2>
          <p class="meta">
            <span class="badge channel-${c.channel}">${c.channel === 'open' ? 'Open Messaging' : 'Web Messaging'}</span>
            <span class="badge state-${c.state}" data-testid="detail-state">${c.state}</span>
            <span>Queue: ${c.queueId ? (this.queueNames.get(c.queueId) ?? c.queueId) : 'none'}</span>
            <span>Agent: ${this.agentName(c.agentId)}</span>
          </p>
        </div>
        <div class="actions">
          ${c.state !== 'active' && c.state !== 'ended'
            ? html`<button type="button" ?disabled=${this.busy}
                @click=${() => this.act(() => deskApi.take(c.id, this.agentId || undefined))}>Take conversation</button>`
            : nothing}
          ${c.state !== 'ended'
            ? html`<button type="button" class="danger" ?disabled=${this.busy}
                @click=${() => this.act(() => deskApi.disconnect(c.id))}>End conversation</button>`
            : nothing}
        </div>
      </header>
      ${this.actionError ? html`<p class="error" role="alert">${this.actionError}</p>` : nothing}
      <details class="facts">
        <summary>Details and custom attributes (${attributes.length})</summary>
        <dl>
          <dt>Conversation id</dt><dd>${c.id}</dd>
          ${c.customerId ? html`<dt>Customer id</dt><dd>${c.customerId}</dd>` : nothing}
          ${c.deploymentId ? html`<dt>Deployment</dt><dd>${c.deploymentId}</dd>` : nothing}
          ${c.integrationId ? html`<dt>Integration</dt><dd>${c.integrationId}</dd>` : nothing}
          ${attributes.map(([key, value]) => html`<dt>${key}</dt><dd>${value}</dd>`)}
        </dl>
      </details>
      <desk-transcript .conversation=${c}></desk-transcript>
      ${canReply ? nothing : html`<p class="hint">${c.state === 'ended'
        ? 'This conversation has ended.' : 'Take the conversation to reply.'}</p>`}
      ${keyed(c.id, html`<desk-composer .send=${this.send} .typing=${this.typing} ?disabled=${!canReply}></desk-composer>`)}
    </section>`;
  }

  protected override render(): TemplateResult {
    const selected = this.selected;
    return html`<header class="top">
        <h1>Agent desk</h1>
        <label class="agent-picker">Playing as
          <select @change=${this.onAgentChange} .value=${this.agentId}>
            ${this.agents.map((a) => html`<option value=${a.id} ?selected=${a.id === this.agentId}>${a.name}</option>`)}
          </select>
        </label>
        <p class="status ${this.connectionError ? 'offline' : 'online'}" role="status">
          ${this.connectionError ? `Offline: ${this.connectionError}` : 'Live'}
        </p>
      </header>
      <main class="layout">
        <desk-conversation-list .conversations=${this.conversations} .selectedId=${this.selectedId}
          .queueNames=${this.queueNames} @desk-select=${this.onSelect}></desk-conversation-list>
        ${selected
          ? this.renderDetail(selected)
          : html`<section class="detail empty-detail"><p>${this.conversations.length === 0
              ? 'No conversations yet. Open the demo site and say hello.' : 'Pick a conversation on the left.'}</p></section>`}
      </main>`;
  }
}

declare global {
  interface HTMLElementTagNameMap { 'desk-app': DeskApp }
}
