import { expect, fixture, html } from '@open-wc/testing';
import type { TestChat } from './fake-chat.js';
import './fake-chat.js';

const FIELDS = JSON.stringify([
  { name: 'name', label: 'Your name', required: true, displayName: true, autocomplete: 'name' },
  { name: 'email', label: 'Email', type: 'email', required: true },
  { name: 'topic', label: 'Topic', type: 'select', options: [{ value: 'billing', label: 'Billing' }, 'Delivery'] },
  { name: 'order', label: 'Order number', pattern: '[A-Z]-\\d{3}' },
  { name: 'bad name!', label: 'Left out' },
]);

/** The connection config the element would give the controller (null: not connecting yet). */
function config(el: TestChat): { customAttributes?: Record<string, string>; displayName?: string } | null {
  return (el as unknown as { connectionConfig(): { customAttributes?: Record<string, string>; displayName?: string } | null }).connectionConfig();
}

async function type(el: TestChat, name: string, value: string): Promise<void> {
  const control = el.root.querySelector<HTMLInputElement | HTMLSelectElement>(`[name="${name}"]`)!;
  control.value = value;
  control.dispatchEvent(new Event(control instanceof HTMLSelectElement ? 'change' : 'input'));
  await el.updateComplete;
}

describe('<genesys-chat> pre-chat form', () => {
  beforeEach(() => localStorage.clear());

  it('shows the declared fields, labelled, instead of the transcript, and starts no conversation', async () => {
    const el = await fixture<TestChat>(html`<test-genesys-chat mode="inline" deployment-id="d-1" region="usw2.pure.cloud"
      prechat-fields=${FIELDS}></test-genesys-chat>`);
    const form = el.byPart('prechat')!;
    expect(form).to.not.equal(null);
    const labels = Array.from(form.querySelectorAll('label')).map((label) => label.textContent?.replace(/\s+/g, ' ').trim());
    expect(labels).to.deep.equal(['Your name', 'Email', 'Topic (optional)', 'Order number (optional)']);
    expect(el.root.querySelector('#prechat-email')?.getAttribute('type')).to.equal('email');
    expect(getComputedStyle(el.byPart('composer')!).display).to.equal('none');
    expect(config(el)).to.equal(null);
    await expect(form).to.be.accessible();
  });

  it('says what is wrong, next to each field, and focuses the first one to fix', async () => {
    const el = await fixture<TestChat>(html`<test-genesys-chat mode="inline" deployment-id="d-2" region="usw2.pure.cloud"
      prechat-fields=${FIELDS}></test-genesys-chat>`);
    await type(el, 'email', 'not-an-email');
    await type(el, 'order', 'x1');
    el.byPart<HTMLButtonElement>('prechat-submit')!.click();
    await el.updateComplete;
    await el.updateComplete;
    expect(el.root.querySelector('[role="alert"]')?.textContent).to.contain('Please correct the fields marked below.');
    const name = el.root.querySelector<HTMLInputElement>('#prechat-name')!;
    expect(name.getAttribute('aria-invalid')).to.equal('true');
    expect(el.root.querySelector(`#${name.getAttribute('aria-describedby')}`)?.textContent).to.equal('Your name is required.');
    expect(el.root.querySelector('#prechat-email-error')?.textContent).to.equal('Enter a valid email address.');
    expect(el.root.querySelector('#prechat-order-error')?.textContent).to.equal('Order number is not valid.');
    expect(el.root.querySelector('#prechat-topic-error')).to.equal(null);
    expect(el.shadowRoot?.activeElement).to.equal(name);
    expect(config(el)).to.equal(null);
  });

  it('sends the answers as custom attributes and the display name, then shows the chat (and not again after a reload)', async () => {
    const el = await fixture<TestChat>(html`<test-genesys-chat mode="inline" deployment-id="d-3" region="usw2.pure.cloud"
      skill="Sales" prechat-fields=${FIELDS}></test-genesys-chat>`);
    el.customAttributes = { page: 'checkout' };
    await type(el, 'name', '  Ana Silva ');
    await type(el, 'email', 'ana@example.com');
    await type(el, 'topic', 'Delivery');
    el.byPart<HTMLButtonElement>('prechat-submit')!.click();
    await el.updateComplete;
    expect(el.byPart('prechat')).to.equal(null);
    expect(config(el)).to.deep.include({
      displayName: 'Ana Silva',
      customAttributes: { page: 'checkout', name: 'Ana Silva', email: 'ana@example.com', topic: 'Delivery' },
    });
    expect(el.fake.calls).to.include('reconfigure'); // the conversation starts now, with the answers
    const again = await fixture<TestChat>(html`<test-genesys-chat mode="inline" deployment-id="d-3" region="usw2.pure.cloud"
      prechat-fields=${FIELDS}></test-genesys-chat>`);
    expect(again.byPart('prechat')).to.equal(null);
    expect(config(again)?.displayName).to.equal('Ana Silva');
  });

  it('speaks the widget language', async () => {
    const el = await fixture<TestChat>(html`<test-genesys-chat mode="inline" lang="fr" deployment-id="d-4" region="usw2.pure.cloud"
      prechat-fields=${FIELDS}></test-genesys-chat>`);
    expect(el.byPart('prechat-submit')?.textContent?.trim()).to.equal('Démarrer le chat');
    el.byPart<HTMLButtonElement>('prechat-submit')!.click();
    await el.updateComplete;
    expect(el.root.querySelector('#prechat-name-error')?.textContent).to.equal('Le champ Your name est obligatoire.');
  });

  it('has no form when no field is usable', async () => {
    const el = await fixture<TestChat>(html`<test-genesys-chat mode="inline" prechat-fields='[{"name":"x"}]'></test-genesys-chat>`);
    expect(el.byPart('prechat')).to.equal(null);
    const junk = await fixture<TestChat>(html`<test-genesys-chat mode="inline" prechat-fields="{nope"></test-genesys-chat>`);
    expect(junk.byPart('prechat')).to.equal(null);
  });
});
