/**
 * Build-time minifier for Lit `css` tagged templates: strips comments and collapses whitespace in the CSS text so the
 * shipped bundles do not carry the source's indentation and notes (src/styles.ts is most of it). Only the literal
 * parts between `${}` expressions change; expressions, strings inside the CSS (`content: '…'`) and escapes are kept
 * byte for byte. A template the scanner does not fully understand (an unterminated comment or string) is left as is.
 *
 * `html` templates are deliberately not touched: whitespace between inline elements and inside text is rendered.
 */
import ts from 'typescript';
import type { Plugin } from 'vite';

/** Characters around which CSS never needs whitespace. `+ - * /` are not here: `calc()` needs their spaces. */
const TIGHT = new Set(['{', '}', ';', ',', '>']);

/** Where a piece sits in its template: whitespace at the template's ends goes, at a `${}` boundary it stays. */
export interface PieceEdges {
  /** The piece starts the template (right after the backtick). */
  first: boolean;
  /** The piece ends the template (right before the closing backtick). */
  last: boolean;
}

/**
 * Minifies one literal piece of a `css` template (raw source text, escapes as written). Returns null when the
 * piece has an unterminated comment or string, so the caller keeps the template unchanged.
 */
export function minifyCssPiece(raw: string, edges: PieceEdges): string | null {
  let out = '';
  /** A whitespace run (or a removed comment) is pending: emitted as one space only if the neighbours need it. */
  let pendingSpace = false;
  let i = 0;
  const flushSpace = (next: string): void => {
    if (!pendingSpace) return;
    pendingSpace = false;
    const previous = out.at(-1);
    if (previous === undefined) {
      if (edges.first) return;
    } else if (TIGHT.has(previous) || previous === ':' || previous === '(') {
      return;
    }
    if (TIGHT.has(next) || next === ')') return;
    out += ' ';
  };
  while (i < raw.length) {
    const ch = raw[i]!;
    if (ch === '/' && raw[i + 1] === '*') {
      const end = raw.indexOf('*/', i + 2);
      if (end < 0) return null;
      i = end + 2;
      // A comment separates tokens like whitespace does (`a/**/b` is two tokens).
      pendingSpace = true;
      continue;
    }
    if (/\s/.test(ch)) {
      pendingSpace = true;
      i++;
      continue;
    }
    if (ch === '"' || ch === "'") {
      const end = stringEnd(raw, i);
      if (end < 0) return null;
      flushSpace(ch);
      out += raw.slice(i, end);
      i = end;
      continue;
    }
    if (ch === ';' && nextSignificant(raw, i + 1) === '}') {
      // `a: b; }` needs no last semicolon.
      i++;
      continue;
    }
    if (ch === '\\') {
      flushSpace(ch);
      out += raw.slice(i, i + 2);
      i += 2;
      continue;
    }
    flushSpace(ch);
    out += ch;
    i++;
  }
  // Whitespace before a `${}` stays (one space): `calc(1px + ${x})` needs it.
  if (pendingSpace && !edges.last && out.length > 0 && !TIGHT.has(out.at(-1)!) && out.at(-1) !== ':' && out.at(-1) !== '(') {
    out += ' ';
  }
  if (pendingSpace && !edges.last && out.length === 0 && !edges.first) out = ' ';
  return out;
}

/** Index just past the closing quote of the string starting at `start`, or -1 when it does not close. */
function stringEnd(raw: string, start: number): number {
  const quote = raw[start];
  for (let i = start + 1; i < raw.length; i++) {
    const ch = raw[i];
    if (ch === '\\') i++;
    else if (ch === quote) return i + 1;
    else if (ch === '\n') return -1;
  }
  return -1;
}

/** The next character that is neither whitespace nor inside a comment, or '' at the end. */
function nextSignificant(raw: string, from: number): string {
  let i = from;
  while (i < raw.length) {
    if (/\s/.test(raw[i]!)) i++;
    else if (raw[i] === '/' && raw[i + 1] === '*') {
      const end = raw.indexOf('*/', i + 2);
      if (end < 0) return '';
      i = end + 2;
    } else return raw[i]!;
  }
  return '';
}

/** One replacement in the source: [start, end) becomes `text`. */
interface Edit {
  start: number;
  end: number;
  text: string;
}

/** Minifies every `css` tagged template in one TypeScript/JavaScript module; returns null when nothing changed. */
export function minifyCssTemplates(code: string, fileName = 'module.ts'): string | null {
  if (!code.includes('css`')) return null;
  const source = ts.createSourceFile(fileName, code, ts.ScriptTarget.Latest, true, scriptKind(fileName));
  const edits: Edit[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isTaggedTemplateExpression(node) && ts.isIdentifier(node.tag) && node.tag.text === 'css') {
      const templateEdits = editsFor(node.template, code);
      if (templateEdits) edits.push(...templateEdits);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  if (edits.length === 0) return null;
  let result = code;
  for (const edit of edits.sort((a, b) => b.start - a.start)) {
    result = result.slice(0, edit.start) + edit.text + result.slice(edit.end);
  }
  return result === code ? null : result;
}

/** The edits for one template's literal pieces, or null when any piece cannot be minified safely. */
function editsFor(template: ts.TemplateLiteral, code: string): Edit[] | null {
  // Each literal's text sits between its delimiters: `…` / `…${ / }…${ / }…`.
  const pieces: ts.TemplateLiteralLikeNode[] = ts.isNoSubstitutionTemplateLiteral(template)
    ? [template]
    : [template.head, ...template.templateSpans.map((span) => span.literal)];
  const edits: Edit[] = [];
  pieces.forEach((piece, index) => {
    const start = piece.getStart() + 1;
    const end = piece.getEnd() - (ts.isNoSubstitutionTemplateLiteral(piece) || ts.isTemplateTail(piece) ? 1 : 2);
    const text = minifyCssPiece(code.slice(start, end), { first: index === 0, last: index === pieces.length - 1 });
    if (text === null) return;
    edits.push({ start, end, text });
  });
  return edits.length === pieces.length ? edits : null;
}

function scriptKind(fileName: string): ts.ScriptKind {
  if (fileName.endsWith('.tsx')) return ts.ScriptKind.TSX;
  if (/\.[cm]?js$/.test(fileName)) return ts.ScriptKind.JS;
  return ts.ScriptKind.TS;
}

/** The Vite plugin: runs before TypeScript is stripped, on the widget's own sources only. */
export function minifyTemplates(): Plugin {
  return {
    name: 'genesys-chat:minify-css-templates',
    enforce: 'pre',
    apply: 'build',
    transform(code, id) {
      if (id.includes('/node_modules/') || !/\.[cm]?[jt]sx?$/.test(id.split('?')[0]!)) return null;
      const minified = minifyCssTemplates(code, id.split('?')[0]);
      return minified === null ? null : { code: minified, map: null };
    },
  };
}
