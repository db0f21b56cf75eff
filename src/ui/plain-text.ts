/**
 * Markdown as a screen reader should hear it: the words without the markers (`**Alex**` → `Alex`, a link → its
 * label, list items on their own lines). Uses the same parser as the bubbles, so what is read is what is shown.
 */
import { parseMarkdown, type InlineNode } from '../markdown.js';

function inlineText(nodes: readonly InlineNode[]): string {
  let text = '';
  for (const node of nodes) {
    switch (node.type) {
      case 'text':
      case 'code':
        text += node.text;
        break;
      case 'br':
        text += '\n';
        break;
      default:
        text += inlineText(node.children);
    }
  }
  return text;
}

export function markdownToPlainText(source: string): string {
  return parseMarkdown(source)
    .map((block) => (block.type === 'paragraph' ? inlineText(block.children) : block.items.map(inlineText).join('\n')))
    .join('\n')
    .trim();
}
