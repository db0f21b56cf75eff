import { describe, expect, it } from 'vitest';
import { minifyCssPiece, minifyCssTemplates } from '../../build/minify-templates.js';

const whole = { first: true, last: true };

describe('minifyCssPiece', () => {
  it('drops comments and indentation and the spaces punctuation does not need', () => {
    const css = `
      /* The panel. */
      :host { display: block; }
      .a > .b , .c  {
        color: red ;
        margin : 0 auto;
      }
    `;
    // A space before ':' stays (it may be a descendant combinator: `.a :hover`).
    expect(minifyCssPiece(css, whole)).toBe(':host{display:block}.a>.b,.c{color:red;margin :0 auto}');
  });

  it('keeps the spaces that change meaning: descendant combinators before a pseudo-class, calc operators, media queries', () => {
    expect(minifyCssPiece('.list :focus-visible { outline: 0; }', whole)).toBe('.list :focus-visible{outline:0}');
    expect(minifyCssPiece('a { width: calc(100% - 2 * var(--x)); }', whole)).toBe('a{width:calc(100% - 2 * var(--x))}');
    expect(minifyCssPiece('@media (prefers-color-scheme: dark) and (max-width: 600px) { a { b: c } }', whole)).toBe(
      '@media (prefers-color-scheme:dark) and (max-width:600px){a{b:c}}',
    );
    expect(minifyCssPiece('a { color: red !important; }', whole)).toBe('a{color:red !important}');
  });

  it('leaves strings byte for byte, comment-like text and escapes included', () => {
    const css = `a::before { content: '  /* not a comment */  ; } '; } b::after { content: "\\\\2022  x"; }`;
    expect(minifyCssPiece(css, whole)).toBe(`a::before{content:'  /* not a comment */  ; } '}b::after{content:"\\\\2022  x"}`);
  });

  it('keeps one space at a ${} boundary where the tokens would otherwise merge', () => {
    // `border: 1px solid ${color};` is split into 'border: 1px solid ' and ';'.
    expect(minifyCssPiece('a { border: 1px solid ', { first: true, last: false })).toBe('a{border:1px solid ');
    expect(minifyCssPiece(' solid red; }', { first: false, last: true })).toBe(' solid red}');
    expect(minifyCssPiece(', ', { first: false, last: false })).toBe(',');
    expect(minifyCssPiece('); }', { first: false, last: true })).toBe(')}');
  });

  it('gives up on a piece it cannot read: an unterminated comment or string', () => {
    expect(minifyCssPiece('a { /* open', whole)).toBeNull();
    expect(minifyCssPiece("a { content: 'open", whole)).toBeNull();
  });
});

describe('minifyCssTemplates', () => {
  it('rewrites css`` templates only, keeping ${} expressions and other templates as written', () => {
    const code = [
      "import { css, html } from 'lit';",
      'const color = "red";',
      'export const s = css`',
      '  :host { color: ${unsafeCSS(color)}; }',
      '  /* note */',
      '  .x { width: calc(1px + ${unsafeCSS(`2px`)}); }',
      '`;',
      'export const t = html`<p>  two  spaces  </p>`;',
      'const notCss = `css` + "css`";',
    ].join('\n');
    const out = minifyCssTemplates(code, 'styles.ts');
    expect(out).toContain('css`:host{color:${unsafeCSS(color)}}.x{width:calc(1px + ${unsafeCSS(`2px`)})}`;');
    expect(out).toContain('html`<p>  two  spaces  </p>`');
    expect(out).toContain('const notCss = `css` + "css`";');
  });

  it('returns null for a module without css templates or with one it cannot read', () => {
    expect(minifyCssTemplates('export const a = 1;', 'a.ts')).toBeNull();
    expect(minifyCssTemplates("const s = css`a { content: 'open }`;", 'a.ts')).toBeNull();
  });

  it('the minified widget styles keep every rule: same selectors and declarations, in order', async () => {
    const { readFile } = await import('node:fs/promises');
    const source = await readFile(new URL('../../src/styles.ts', import.meta.url), 'utf8');
    const out = minifyCssTemplates(source, 'styles.ts');
    expect(out).not.toBeNull();
    const text = (code: string): string => code.slice(code.indexOf('css`'), code.indexOf('`;', code.indexOf('css`')));
    // Token streams (whitespace, comments and trailing semicolons aside) are identical.
    const tokens = (css: string): string[] =>
      css.replace(/\/\*[\s\S]*?\*\//g, ' ').replace(/;(\s*})/g, '$1').match(/'[^']*'|"[^"]*"|[{};:,>()]|[^\s{};:,>()'"]+/g) ?? [];
    expect(tokens(text(out!))).toEqual(tokens(text(source)));
    expect(text(out!).length).toBeLessThan(text(source).length * 0.85);
  });
});
