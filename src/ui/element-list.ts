/**
 * A keyed list of elements that a directive owns outright: one element per item, created when its key appears,
 * filled again only when its item is a different object than last time, removed (the element alone, nothing left
 * behind) when its key goes.
 *
 * Why not Lit's `repeat`: in Lit 3.3 removing an item leaves its end marker comment in the DOM (lit/lit#5010), and
 * the transcript's blocks and the live region's lines drop an item from the head on every few appends, so the DOM
 * would grow without end. Here each item is a real element, and whatever the item renders lives inside it.
 */
import { noChange } from 'lit';
import { Directive, directive, PartType, type ChildPart, type DirectiveResult, type PartInfo } from 'lit/directive.js';

export interface ElementListSpec<T> {
  items: readonly T[];
  key(item: T): unknown;
  /** The element each item gets (e.g. `div`, `p`) and its class. */
  tag: string;
  className?: string;
  /** Fills an item's element: on creation, and again whenever the item is not the same object as last time. */
  fill(item: T, element: HTMLElement): void;
}

class ElementList extends Directive {
  private entries = new Map<unknown, { item: unknown; element: HTMLElement }>();

  constructor(info: PartInfo) {
    super(info);
    if (info.type !== PartType.CHILD) throw new Error('elementList() belongs in a child position');
  }

  render(_spec: ElementListSpec<never>): unknown {
    return noChange;
  }

  override update(part: ChildPart, [spec]: [ElementListSpec<unknown>]): unknown {
    const parent = part.parentNode as Node;
    const document = parent.ownerDocument ?? globalThis.document;
    const next = new Map<unknown, { item: unknown; element: HTMLElement }>();
    for (const item of spec.items) next.set(spec.key(item), { item, element: null as unknown as HTMLElement });
    for (const [key, entry] of this.entries) if (!next.has(key)) entry.element.remove();
    // Last to first, each before the one after it: existing elements that are already in place do not move.
    let ref: Node | null = part.endNode;
    for (let i = spec.items.length - 1; i >= 0; i -= 1) {
      const item = spec.items[i];
      const key = spec.key(item);
      const entry = next.get(key) as { item: unknown; element: HTMLElement };
      const old = this.entries.get(key);
      if (old) {
        entry.element = old.element;
        if (old.item !== item) spec.fill(item, old.element);
      } else {
        entry.element = document.createElement(spec.tag);
        if (spec.className) entry.element.className = spec.className;
        spec.fill(item, entry.element);
      }
      if (entry.element.nextSibling !== ref || entry.element.parentNode !== parent) parent.insertBefore(entry.element, ref);
      ref = entry.element;
    }
    this.entries = next;
    return noChange;
  }
}

/** Renders `spec.items` as keyed elements in a child position (see the module comment). */
export const elementList = directive(ElementList) as <T>(spec: ElementListSpec<T>) => DirectiveResult<typeof ElementList>;
