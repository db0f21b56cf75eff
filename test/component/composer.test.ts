import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { type TestChat } from './fake-chat.js';
import './fake-chat.js';

async function inline(): Promise<TestChat> {
  return fixture<TestChat>(html`<test-genesys-chat mode="inline" lang="en"></test-genesys-chat>`);
}

function input(el: TestChat): HTMLTextAreaElement {
  const textarea = el.byPart<HTMLTextAreaElement>('input');
  if (!textarea) throw new Error('no input');
  return textarea;
}

describe('<genesys-chat> composer', () => {
  it('sends on Enter and adds a line on Shift+Enter', async () => {
    const el = await inline();
    input(el).focus();
    await sendKeys({ type: 'first line' });
    await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'Enter' });
    await sendKeys({ up: 'Shift' });
    await sendKeys({ type: 'second line' });
    await el.updateComplete;
    expect(el.fake.sent).to.deep.equal([]);
    expect(input(el).value).to.equal('first line\nsecond line');
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(el.fake.sent.map((s) => s.text)).to.deep.equal(['first line\nsecond line']);
    expect(input(el).value).to.equal('');
    expect(el.fake.calls).to.include('notifyTyping');
  });

  it('does not send an empty message', async () => {
    const el = await inline();
    input(el).focus();
    await sendKeys({ type: '   ' });
    await sendKeys({ press: 'Enter' });
    expect(el.fake.sent).to.deep.equal([]);
    expect(el.byPart<HTMLButtonElement>('send-button')?.disabled).to.equal(true);
  });

  it('shows the character limit and keeps an oversized message with an error saying why', async () => {
    const el = await inline();
    el.fake.set({ limits: { ...el.fake.limits, maxMessageLength: 10 } });
    await el.updateComplete;
    input(el).focus();
    await sendKeys({ type: 'short' });
    await el.updateComplete;
    expect(el.byPart('char-count') === null, 'far from the limit: no counter').to.equal(true);
    expect(input(el).hasAttribute('aria-describedby')).to.equal(false);
    await sendKeys({ type: ' bu' });
    await el.updateComplete;
    expect(el.byPart('char-count')?.textContent).to.equal('8 / 10'); // near the limit
    expect(input(el).getAttribute('aria-describedby')).to.equal('char-count');
    expect(el.byPart('composer-error') === null, 'no composer-error part').to.equal(true);
    await sendKeys({ type: 't too long' });
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(el.fake.sent).to.deep.equal([]);
    expect(input(el).value).to.equal('short but too long');
    expect(input(el).getAttribute('aria-invalid')).to.equal('true');
    expect(el.byPart('composer-error')?.textContent).to.contain('18 characters; the limit is 10');
    expect(el.byPart('char-count')?.textContent).to.equal('18 / 10');
    // Shortening it clears the error and it can be sent.
    input(el).value = 'fits now';
    input(el).dispatchEvent(new Event('input'));
    await el.updateComplete;
    expect(el.byPart('composer-error') === null, 'no composer-error part').to.equal(true);
    el.byPart<HTMLButtonElement>('send-button')?.click();
    await el.updateComplete;
    expect(el.fake.sent.map((s) => s.text)).to.deep.equal(['fits now']);
  });

  it('keeps the text when the controller refuses to send it', async () => {
    const el = await inline();
    el.fake.send = () => { throw { code: 'not-connected', message: 'no', fatal: false }; };
    input(el).focus();
    await sendKeys({ type: 'please keep me' });
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(input(el).value).to.equal('please keep me');
    expect(el.byPart('composer-error')?.textContent).to.contain('Not connected yet');
  });

  it('says once that the conversation ended and offers a new one instead of the field', async () => {
    const el = await inline();
    el.fake.set({ readOnly: true, status: 'ended' });
    await el.updateComplete;
    expect(el.byPart('input') === null, 'no input part').to.equal(true);
    expect(el.byPart('status')?.textContent?.trim()).to.equal('');
    const said = el.root.querySelector('#panel')?.textContent?.match(/has ended/g) ?? [];
    expect(said.length).to.equal(1);
    expect(el.byPart('attach-button') === null, 'no attach-button part').to.equal(true);
    const button = el.byPart<HTMLButtonElement>('new-conversation-button');
    expect(button?.textContent).to.contain('Start a new conversation');
    button?.click();
    expect(el.fake.calls).to.include('startNewConversation');
  });

  it('has an attach button only when the deployment allows attachments', async () => {
    const el = await inline();
    expect(el.byPart('attach-button') === null, 'no attach-button part').to.equal(true);
    el.fake.set({ features: { ...el.fake.features, attachments: true } });
    await el.updateComplete;
    expect(el.byPart('attach-button')?.getAttribute('aria-label')).to.equal('Attach a file');
  });

  it('uploads through the controller with progress and sends the attachment', async () => {
    const el = await inline();
    el.fake.set({ features: { ...el.fake.features, attachments: true }, limits: { ...el.fake.limits, allowedFileTypes: ['image/*'] } });
    let finish: () => void = () => undefined;
    el.fake.upload = (file, onProgress) => new Promise((resolve) => {
      onProgress?.({ loaded: 50, total: 100 });
      finish = () => resolve({ id: 'att-1', filename: file.name, mime: file.type, url: 'https://files.example/p.png' });
    });
    await el.updateComplete;
    const picker = el.root.querySelector<HTMLInputElement>('input[type="file"]');
    expect(picker?.accept).to.equal('image/*');
    const transfer = new DataTransfer();
    transfer.items.add(new File([new Uint8Array([137, 80, 78, 71])], 'photo.png', { type: 'image/png' }));
    if (!picker) throw new Error('no picker');
    picker.files = transfer.files;
    picker.dispatchEvent(new Event('change'));
    await waitUntil(() => el.root.querySelector('progress'), 'progress shown');
    expect(el.root.querySelector('progress')?.value).to.equal(50);
    expect(el.root.querySelector('.upload__preview')?.getAttribute('src')).to.match(/^blob:/);
    expect(el.byPart<HTMLButtonElement>('send-button')?.disabled).to.equal(true); // still uploading
    finish();
    await waitUntil(() => !el.root.querySelector('progress'), 'upload done');
    el.byPart<HTMLButtonElement>('send-button')?.click();
    await el.updateComplete;
    expect(el.fake.sent[0]?.attachments?.map((a) => a.id)).to.deep.equal(['att-1']);
    expect(el.root.querySelector('.upload') === null, "el.root.querySelector('.upload') is absent").to.equal(true);
  });

  it('explains a refused attachment', async () => {
    const el = await inline();
    el.fake.set({ features: { ...el.fake.features, attachments: true } });
    el.fake.upload = () => Promise.reject({ code: 'attachment-type-not-allowed', message: 'no', fatal: false });
    await el.updateComplete;
    const picker = el.root.querySelector<HTMLInputElement>('input[type="file"]');
    if (!picker) throw new Error('no picker');
    const transfer = new DataTransfer();
    transfer.items.add(new File(['MZ'], 'tool.exe', { type: 'application/x-msdownload' }));
    picker.files = transfer.files;
    picker.dispatchEvent(new Event('change'));
    await waitUntil(() => el.byPart('composer-error'), 'error shown');
    expect(el.byPart('composer-error')?.textContent).to.contain('tool.exe');
    expect(el.byPart('composer-error')?.textContent).to.contain('cannot be sent');
    expect(el.root.querySelector('.upload') === null, "el.root.querySelector('.upload') is absent").to.equal(true);
  });
});
