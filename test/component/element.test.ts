// The real element with the real ChatController (no fake): registration, the public API, and configuration errors
// that need no server. Conversations against the emulator are covered end to end (test/e2e).
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { GenesysChat } from '../../src/index.js';
import type { StatusEventDetail } from '../../src/model.js';

function part(el: GenesysChat, name: string): HTMLElement | null {
  return el.shadowRoot?.querySelector<HTMLElement>(`[part~="${name}"]`) ?? null;
}

describe('<genesys-chat> with the real controller', () => {
  it('is registered by the package entry point', () => {
    expect(customElements.get('genesys-chat')).to.equal(GenesysChat);
    expect(document.createElement('genesys-chat')).to.be.instanceOf(GenesysChat);
  });

  it('stays idle without configuration and exposes a read-only status', async () => {
    const el = await fixture<GenesysChat>(html`<genesys-chat lang="en"></genesys-chat>`);
    expect(el.status).to.equal('idle');
    expect(() => { (el as unknown as { status: string }).status = 'online'; }).to.throw();
    expect(part(el, 'status')?.dataset.status).to.equal('idle');
    expect(part(el, 'launcher') !== null, "part(el, 'launcher') exists").to.equal(true);
  });

  it('shows a configuration error in words and fires status and error events', async () => {
    const el = document.createElement('genesys-chat');
    el.lang = 'en';
    el.mode = 'inline';
    document.body.append(el);
    const failed = new Promise<StatusEventDetail>((resolve) => {
      el.addEventListener('genesys-chat:status', (event) => {
        if (event.detail.status === 'failed') resolve(event.detail);
      });
    });
    const errored = oneEvent(el, 'genesys-chat:error');
    el.setAttribute('region', 'ftp://nowhere.example');
    el.setAttribute('deployment-id', 'demo-deployment');
    expect((await failed).error?.code).to.equal('bad-region');
    expect((await errored).detail.code).to.equal('bad-region');
    await waitUntil(() => part(el, 'status')?.dataset.status === 'failed', 'status bar shows failed');
    expect(part(el, 'status')?.textContent).to.contain('unknown region');
    el.remove();
  });
});
