/**
 * The Markdown subset as a tree (parseMarkdown / parseInline) and as rendered HTML, in Node: every rule, including
 * the negative ones (unmatched markers stay text, unsafe links lose their link, escapes are honoured).
 * The browser-side rendering runs in test/component/markdown.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { parseInline, parseMarkdown, renderMarkdown, type InlineNode } from '../../src/markdown-core.js';
import { boundAttributes, templateHtml } from './support/template-html.js';

const text = (t: string): InlineNode => ({ type: 'text', text: t });
const md = (source: string) => templateHtml(renderMarkdown(source)).replace(/\s+</g, '<').replace(/>\s+/g, '>');

describe('markdown: inline', () => {
  it('bold, italic, code', () => {
    expect(parseInline('a **b** c')).toEqual([text('a '), { type: 'strong', children: [text('b')] }, text(' c')]);
    expect(parseInline('__b__')).toEqual([{ type: 'strong', children: [text('b')] }]);
    expect(parseInline('*i* and _j_')).toEqual([{ type: 'em', children: [text('i')] }, text(' and '), { type: 'em', children: [text('j')] }]);
    expect(parseInline('run `npm *x*` now')).toEqual([text('run '), { type: 'code', text: 'npm *x*' }, text(' now')]);
  });

  it('nested emphasis of the other width, and three markers for both', () => {
    const strong = (...children: InlineNode[]): InlineNode => ({ type: 'strong', children });
    const em = (...children: InlineNode[]): InlineNode => ({ type: 'em', children });
    expect(parseInline('*a **b** c*')).toEqual([em(text('a '), strong(text('b')), text(' c'))]);
    expect(parseInline('**a *b* c**')).toEqual([strong(text('a '), em(text('b')), text(' c'))]);
    expect(parseInline('***both***')).toEqual([strong(em(text('both')))]);
    expect(parseInline('*a **b***')).toEqual([em(text('a '), strong(text('b')))]);
    expect(parseInline('__a _b_ c__')).toEqual([strong(text('a '), em(text('b')), text(' c'))]);
  });

  it('a code span hides markers from the emphasis around it', () => {
    expect(parseInline('**use `x**y` now**')).toEqual([
      { type: 'strong', children: [text('use '), { type: 'code', text: 'x**y' }, text(' now')] },
    ]);
    expect(parseInline('*see `a*b` ok*')).toEqual([
      { type: 'em', children: [text('see '), { type: 'code', text: 'a*b' }, text(' ok')] },
    ]);
    expect(parseInline('**a \\** b**')).toEqual([{ type: 'strong', children: [text('a ** b')] }]);
  });

  it('backslash escapes make markers literal', () => {
    expect(parseInline('\\*not italic\\*')).toEqual([text('*not italic*')]);
    expect(parseInline('\\*\\*not bold\\*\\*')).toEqual([text('**not bold**')]);
    expect(parseInline('\\_x\\_ \\`y\\` \\\\ \\[a\\]\\(b\\) \\# \\+ \\- \\. \\!')).toEqual([text('_x_ `y` \\ [a](b) # + - . !')]);
    expect(parseInline('\\[a](https://x.example)')).toEqual([text('[a]('), { type: 'link', href: 'https://x.example/', children: [text('https://x.example')] }, text(')')]);
    // Only Markdown punctuation is escapable; other backslashes stay, and a trailing one too.
    expect(parseInline('C:\\path\\n \\')).toEqual([text('C:\\path\\n \\')]);
    expect(md('\\*x\\*')).toBe('<p class="md-p">*x*</p>');
  });

  it('unmatched or empty markers stay as text; snake_case is not emphasis', () => {
    expect(parseInline('a * b')).toEqual([text('a * b')]);
    expect(parseInline('2*3*4 is *x')).toEqual([text('2'), { type: 'em', children: [text('3')] }, text('4 is *x')]);
    expect(parseInline('**')).toEqual([text('**')]);
    expect(parseInline('``')).toEqual([text('``')]);
    expect(parseInline('`open')).toEqual([text('`open')]);
    expect(parseInline('snake_case_name')).toEqual([text('snake_case_name')]);
    expect(parseInline('_a_b_')).toEqual([{ type: 'em', children: [text('a_b')] }]);
    expect(parseInline('*a *b*')).toEqual([{ type: 'em', children: [text('a *b')] }]);
    expect(parseInline('**a**b**')).toEqual([{ type: 'strong', children: [text('a')] }, text('b**')]);
    expect(parseInline('_ x_')).toEqual([text('_ x_')]);
    expect(parseInline('*x')).toEqual([text('*x')]);
    expect(parseInline('x*')).toEqual([text('x*')]);
  });

  it('links: http, https and mailto only; anything else keeps only its words', () => {
    expect(parseInline('[docs](https://x.example/a)')).toEqual([{ type: 'link', href: 'https://x.example/a', children: [text('docs')] }]);
    expect(parseInline('[mail](mailto:a@b.example)')).toEqual([{ type: 'link', href: 'mailto:a@b.example', children: [text('mail')] }]);
    for (const url of ['javascript:alert(1)', 'JaVaScRiPt:x', 'data:text/html,x', '/relative', 'vbscript:x', 'blob:https://x/1']) {
      expect(parseInline(`[click](${url})`), url).toEqual([text('click')]);
    }
    expect(parseInline('[**b**](https://x.example)')).toEqual([{ type: 'link', href: 'https://x.example/', children: [{ type: 'strong', children: [text('b')] }] }]);
    expect(parseInline('[w](https://x.example/a_(b)) end')).toEqual([{ type: 'link', href: 'https://x.example/a_(b)', children: [text('w')] }, text(' end')]);
    expect(parseInline('[a]( https://x.example )')).toEqual([{ type: 'link', href: 'https://x.example/', children: [text('a')] }]);
  });

  it('malformed links stay text (a bare URL inside still links itself)', () => {
    const visible = (nodes: InlineNode[]): string => nodes.map((n) => (n.type === 'text' || n.type === 'code' ? n.text : n.type === 'br' ? '\n' : visible(n.children))).join('');
    for (const source of ['[a](https://x.example', '[](https://x.example)', '[a]()', '[a](https://x y)', '[a] (https://x.example)', '[a', '[a](b c)']) {
      const nodes = parseInline(source);
      expect(visible(nodes), source).toBe(source);
      expect(nodes.filter((n) => n.type === 'link').every((n) => n.type === 'link' && visible(n.children).startsWith('https://')), source).toBe(true);
    }
    expect(parseInline('[a]()')).toEqual([text('[a]()')]);
    expect(parseInline('[a](b c)')).toEqual([text('[a](b c)')]);
  });

  it('bare http(s) links at a word start, without trailing punctuation', () => {
    expect(parseInline('see https://x.example/a.')).toEqual([text('see '), { type: 'link', href: 'https://x.example/a', children: [text('https://x.example/a')] }, text('.')]);
    expect(parseInline('HTTP://X.example')).toEqual([{ type: 'link', href: 'http://x.example/', children: [text('HTTP://X.example')] }]);
    expect(parseInline('(http://x.example/b)')).toEqual([text('('), { type: 'link', href: 'http://x.example/b', children: [text('http://x.example/b')] }, text(')')]);
    expect(parseInline('xhttps://x.example')).toEqual([text('xhttps://x.example')]);
    expect(parseInline('ftp://x.example hello')).toEqual([text('ftp://x.example hello')]);
    expect(parseInline('https://')).toEqual([text('https://')]);
    expect(parseInline('https://x.example/?a=1!?')).toEqual([{ type: 'link', href: 'https://x.example/?a=1', children: [text('https://x.example/?a=1')] }, text('!?')]);
  });

  it('nesting deeper than four levels is left as text', () => {
    const depth = (nodes: InlineNode[]): number => Math.max(0, ...nodes.map((n) => ('children' in n ? 1 + depth(n.children) : 0)));
    expect(depth(parseInline('**A __B *C _D_ C* B__ A**'))).toBe(4);
    const hostile = parseInline(`${'**'.repeat(300)}x${'**'.repeat(300)}`);
    expect(depth(hostile)).toBe(4);
    expect(JSON.stringify(hostile)).toContain('x');
  });
});

describe('markdown: blocks', () => {
  it('paragraphs split on blank lines; lines within one are joined by line breaks (CRLF too)', () => {
    expect(parseMarkdown('a\r\nb\n\n\nc')).toEqual([
      { type: 'paragraph', children: [text('a'), { type: 'br' }, text('b')] },
      { type: 'paragraph', children: [text('c')] },
    ]);
    expect(parseMarkdown('')).toEqual([]);
    expect(parseMarkdown('  \n ')).toEqual([]);
  });

  it('bullet and numbered lists; a change of kind starts a new list; text ends a list', () => {
    expect(parseMarkdown('- a\n* b\n+ c\n1. d\n2) e\ntext\n- f')).toEqual([
      { type: 'list', ordered: false, items: [[text('a')], [text('b')], [text('c')]] },
      { type: 'list', ordered: true, items: [[text('d')], [text('e')]] },
      { type: 'paragraph', children: [text('text')] },
      { type: 'list', ordered: false, items: [[text('f')]] },
    ]);
    expect(parseMarkdown('intro\n- a\n\n- b')).toEqual([
      { type: 'paragraph', children: [text('intro')] },
      { type: 'list', ordered: false, items: [[text('a')]] },
      { type: 'list', ordered: false, items: [[text('b')]] },
    ]);
    expect(parseMarkdown('-a\n1.b\n1234567890. c')).toEqual([
      { type: 'paragraph', children: [text('-a'), { type: 'br' }, text('1.b'), { type: 'br' }, text('1234567890. c')] },
    ]);
  });

  it('renders paragraphs, lists, code, emphasis and safe links; HTML stays text', () => {
    expect(md('**b** *i* `c`\nnext')).toBe('<p class="md-p"><strong>b</strong><em>i</em><code>c</code><br />next</p>');
    expect(md('- a\n- b')).toBe('<ul class="md-list"><li>a</li><li>b</li></ul>');
    expect(md('1. a')).toBe('<ol class="md-list"><li>a</li></ol>');
    const link = templateHtml(renderMarkdown('[x](https://x.example) [y](javascript:alert(1))'));
    expect(boundAttributes(link, 'href')).toEqual(['https://x.example/']);
    expect(link).toContain('rel="noopener noreferrer"');
    expect(link).toContain('target="_blank"');
    // Remote HTML is a text value (Lit binds it as a text node), never markup of the template.
    const result = renderMarkdown('<img src=x onerror=alert(1)>');
    expect(JSON.stringify(result.strings)).not.toContain('<img');
  });
});
