import { describe, expect, it } from 'vitest';
import { coreGroup } from '../../build/share-chunks.js';

/** A module graph as rolldown's chunking context shows it: absolute ids, bare ids for externals. */
function graph(edges: Record<string, { imports?: string[]; dynamic?: string[] }>) {
  return {
    getModuleInfo: (id: string) => {
      if (!id.startsWith('/')) return { importedIds: [], dynamicallyImportedIds: [], isExternal: true };
      const node = edges[id];
      return node ? { importedIds: node.imports ?? [], dynamicallyImportedIds: node.dynamic ?? [] } : null;
    },
  };
}

describe('coreGroup: what the ES build puts in the chunk dist/ and dist/cdn/ share', () => {
  const entry = '/repo/src/index.ts';
  const modules = graph({
    [entry]: { imports: ['/repo/src/element.ts', '/repo/src/controller.ts'] },
    '/repo/src/element.ts': { imports: ['lit', '/repo/src/controller.ts', '/repo/src/styles.ts'], dynamic: ['/repo/src/panel.ts'] },
    '/repo/src/styles.ts': { imports: ['lit'] },
    '/repo/src/controller.ts': { imports: ['/repo/src/model.ts'], dynamic: ['/repo/src/gateway.ts'] },
    '/repo/src/model.ts': {},
    '/repo/src/gateway.ts': { imports: ['/repo/src/model.ts'] },
    '/repo/src/panel.ts': { imports: ['lit', '/repo/src/model.ts'] },
    '/repo/src/late.ts': { imports: ['/repo/src/needs-lit-later.ts'] },
  });

  it('takes the Lit-free modules the entry loads up front', () => {
    const group = coreGroup(entry);
    expect(group.name('/repo/src/controller.ts', modules)).toBe('core');
    expect(group.name('/repo/src/model.ts', modules)).toBe('core');
  });

  it('leaves the entry, anything that imports Lit, and lazy modules (they stay lazy chunks)', () => {
    const group = coreGroup(entry);
    expect(group.name(entry, modules)).toBeNull();
    expect(group.name('/repo/src/element.ts', modules)).toBeNull();
    expect(group.name('/repo/src/styles.ts', modules)).toBeNull();
    expect(group.name('/repo/src/gateway.ts', modules)).toBeNull();
    expect(group.name('/repo/src/panel.ts', modules)).toBeNull();
    expect(group.name('/repo/src/late.ts', modules)).toBeNull(); // not reached from the entry
  });

  it('leaves a module whose dynamic import reaches Lit (the shared chunk must load with no import map)', () => {
    const withLazyUi = graph({
      [entry]: { imports: ['/repo/src/controller.ts'] },
      '/repo/src/controller.ts': { dynamic: ['/repo/src/panel.ts'] },
      '/repo/src/panel.ts': { imports: ['lit/directives/repeat.js'] },
    });
    expect(coreGroup(entry).name('/repo/src/controller.ts', withLazyUi)).toBeNull();
  });
});
