import { expect } from '@open-wc/testing';
import { render } from 'lit';
import { parseInline, renderMarkdown } from '../../src/markdown-core.js';

function show(source: string): HTMLElement {
  const host = document.createElement('div');
  render(renderMarkdown(source), host);
  return host;
}

declare global {
  interface Window { pwned?: boolean }
}

describe('markdown subset', () => {
  it('renders bold, italic, code and line breaks', () => {
    const el = show('**Hello** *there* _you_ and `x < y`\nsecond line');
    expect(el.querySelector('strong')?.textContent).to.equal('Hello');
    expect(Array.from(el.querySelectorAll('em')).map((e) => e.textContent)).to.deep.equal(['there', 'you']);
    expect(el.querySelector('code')?.textContent).to.equal('x < y');
    expect(el.querySelectorAll('br').length).to.equal(1);
    expect(el.textContent).to.contain('second line');
  });

  it('leaves snake_case words and unmatched markers alone', () => {
    const el = show('call my_function_name now, 2 * 3 = 6');
    expect(el.querySelector('em') === null, "el.querySelector('em') is absent").to.equal(true);
    expect(el.textContent?.trim()).to.equal('call my_function_name now, 2 * 3 = 6');
  });

  it('renders bullet and numbered lists', () => {
    const el = show('Options:\n- one\n- **two**\n\n1. first\n2. second');
    expect(el.querySelectorAll('ul > li').length).to.equal(2);
    expect(el.querySelector('ul li strong')?.textContent).to.equal('two');
    expect(Array.from(el.querySelectorAll('ol > li')).map((li) => li.textContent)).to.deep.equal(['first', 'second']);
  });

  it('makes http, https and mailto links that open safely in a new tab', () => {
    const el = show('[Docs](https://example.com/a?b=1) or mail [us](mailto:help@example.com) or https://example.org/x.');
    const links = Array.from(el.querySelectorAll('a'));
    expect(links.map((a) => a.getAttribute('href'))).to.deep.equal([
      'https://example.com/a?b=1', 'mailto:help@example.com', 'https://example.org/x',
    ]);
    for (const a of links) {
      expect(a.getAttribute('rel')).to.equal('noopener noreferrer');
      expect(a.getAttribute('target')).to.equal('_blank');
    }
  });

  it('refuses javascript:, data: and relative links, keeping only the words', () => {
    const el = show('[click](javascript:alert(1)) [x](JaVaScRiPt:alert(1)) [d](data:text/html,hi) [r](/relative)');
    expect(el.querySelectorAll('a').length).to.equal(0);
    expect(el.textContent).to.contain('click');
    expect(el.textContent).not.to.contain('javascript');
    expect(el.textContent).not.to.contain(')');
  });

  it('keeps balanced parentheses inside link targets', () => {
    const el = show('[wiki](https://en.wikipedia.org/wiki/Tent_(camping)) done');
    expect(el.querySelector('a')?.getAttribute('href')).to.equal('https://en.wikipedia.org/wiki/Tent_(camping)');
    expect(el.textContent).to.equal('wiki done');
  });

  it('shows HTML and script as text and runs nothing', async () => {
    window.pwned = false;
    const source = '<img src=x onerror="window.pwned=true"><script>window.pwned=true</script><b>bold?</b>';
    const el = show(source);
    document.body.append(el);
    await new Promise((resolve) => requestAnimationFrame(resolve));
    expect(el.querySelector('img, script, b') === null, "el.querySelector('img, script, b') is absent").to.equal(true);
    expect(el.textContent).to.equal(source);
    expect(window.pwned).to.equal(false);
    el.remove();
  });

  it('bounds nesting on hostile input', () => {
    const nested = `${'**'.repeat(300)}x${'**'.repeat(300)}`;
    expect(parseInline(nested).length).to.be.greaterThan(0);
    const el = show(nested);
    let deepest = 0;
    for (const node of Array.from(el.querySelectorAll('strong, em'))) {
      let depth = 0;
      for (let p: Element | null = node; p && p !== el; p = p.parentElement) if (p.matches('strong, em')) depth += 1;
      deepest = Math.max(deepest, depth);
    }
    expect(deepest).to.be.greaterThan(0);
    expect(deepest).to.be.at.most(5);
    expect(el.textContent).to.contain('x');
  });
});
