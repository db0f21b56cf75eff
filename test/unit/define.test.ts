/**
 * Defining <genesys-chat> is safe everywhere the package may be imported: on a server (no `customElements`) and on a
 * page where another copy of the widget (a CDN script next to the npm bundle) has defined the tag first.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { canDefine } from '../../src/define.js';

const scope = globalThis as { customElements?: unknown };
const original = scope.customElements;

afterEach(() => {
  scope.customElements = original;
});

describe('canDefine', () => {
  it('is false without a custom element registry (server-side import)', () => {
    delete scope.customElements;
    expect(canDefine('genesys-chat')).toBe(false);
  });

  it('is false when the tag is taken (the first copy of the widget wins) and true when it is free', () => {
    const taken = new Map<string, unknown>([['genesys-chat', class {}]]);
    scope.customElements = { get: (tag: string) => taken.get(tag) };
    expect(canDefine('genesys-chat')).toBe(false);
    expect(canDefine('genesys-chat-other')).toBe(true);
  });
});

describe('importing the widget in Node', () => {
  it('touches no DOM global and exports the element class', async () => {
    const widget = await import('../../src/index.js');
    expect(typeof widget.GenesysChat).toBe('function');
    expect((globalThis as { document?: unknown }).document).toBeUndefined();
  });
});
