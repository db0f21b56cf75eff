/**
 * README is the reference people read: every attribute, event, CSS part and CSS custom property that the element
 * declares (custom-elements.json, generated from the source) must be documented there.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

interface Declaration {
  tagName?: string;
  attributes?: { name: string }[];
  events?: { name: string }[];
  cssParts?: { name: string }[];
  cssProperties?: { name: string }[];
}
interface Manifest { modules: { declarations?: Declaration[] }[] }

const manifest = JSON.parse(readFileSync('custom-elements.json', 'utf8')) as Manifest;
const readme = readFileSync('README.md', 'utf8');
const element = manifest.modules.flatMap((m) => m.declarations ?? []).find((d) => d.tagName === 'genesys-chat');

describe('README documents the element as custom-elements.json declares it', () => {
  it('finds <genesys-chat> in the manifest', () => {
    expect(element).toBeDefined();
    expect(element?.attributes?.length).toBeGreaterThan(0);
  });

  for (const kind of ['attributes', 'events', 'cssParts', 'cssProperties'] as const) {
    it(`documents every one of its ${kind}`, () => {
      const names = (element?.[kind] ?? []).map((item) => item.name);
      expect(names.length).toBeGreaterThan(0);
      const missing = names.filter((name) => !readme.includes(`\`${name}\``));
      expect(missing).toEqual([]);
    });
  }
});
