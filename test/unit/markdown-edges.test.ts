/**
 * Markdown edge cases found by mutation testing (docs/mutation.md): each pins a rule whose removal went unnoticed.
 */
import { describe, expect, it } from 'vitest';
import { parseInline, parseMarkdown, type InlineNode } from '../../src/markdown-core.js';

const text = (t: string): InlineNode => ({ type: 'text', text: t });
const link = (href: string, label: string): InlineNode => ({ type: 'link', href, children: [text(label)] });

describe('markdown edges', () => {
  it('a lone carriage return is a line break too (old Mac line endings)', () => {
    expect(parseMarkdown('a\rb')).toEqual([{ type: 'paragraph', children: [text('a'), { type: 'br' }, text('b')] }]);
  });

  it('list items: any run of spaces after the marker, whole item text, numbers up to nine digits', () => {
    expect(parseMarkdown('-   spaced item\n*\ttabbed item')).toEqual([{ type: 'list', ordered: false, items: [[text('spaced item')], [text('tabbed item')]] }]);
    expect(parseMarkdown('10. ten items\n123456789)  many')).toEqual([{ type: 'list', ordered: true, items: [[text('ten items')], [text('many')]] }]);
  });

  it('a link or bare URL after other words is found where it starts, not from the line start', () => {
    expect(parseInline('see [docs](https://x.example/a) now')).toEqual([text('see '), link('https://x.example/a', 'docs'), text(' now')]);
    expect(parseInline('hello https://x.example/b')).toEqual([text('hello '), link('https://x.example/b', 'https://x.example/b')]);
    expect(parseInline('here: http://x.example')).toEqual([text('here: '), link('http://x.example/', 'http://x.example')]);
  });

  it('a bare URL that is not a valid URL stays text', () => {
    expect(parseInline('http://[broken here')).toEqual([text('http://[broken here')]);
  });

  it('a closing bracket-paren is needed for a link: "[x)y" stays text', () => {
    expect(parseInline('[x)y')).toEqual([text('[x)y')]);
  });

  it('emphasis does not open before white space, nor with "_" inside a word', () => {
    expect(parseInline('* x*')).toEqual([text('* x*')]);
    expect(parseInline('a_b_ c')).toEqual([text('a_b_ c')]);
    expect(parseInline('x _y_')).toEqual([text('x '), { type: 'em', children: [text('y')] }]);
  });

  it('at the depth limit a link label is plain text (no markup parsed inside it)', () => {
    const nodes = parseInline('*A *B __C _D [**e**](https://x.example) D_ C__ B* A*');
    // em > strong > em > link: the label sits at depth 4, where no further markup is parsed.
    expect(JSON.stringify(nodes)).toContain('"children":[{"type":"text","text":"**e**"}]');
    expect(JSON.stringify(nodes)).not.toContain('"type":"strong","children":[{"type":"text","text":"e"}]');
  });
});
