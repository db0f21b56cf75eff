import { describe, expect, it } from 'vitest';
import { cdnEntryUrl, loaderSrc, preloadUrls } from '../../src/cdn-loader-url.js';

describe('cdnEntryUrl: where the one-script loader imports the browser build from', () => {
  it('next to the loader file, on any origin, query and fragment dropped', () => {
    expect(cdnEntryUrl('https://cdn.jsdelivr.net/npm/genesys-chat@0.1/dist/genesys-chat.iife.js', 'https://shop.example/'))
      .toBe('https://cdn.jsdelivr.net/npm/genesys-chat@0.1/dist/cdn/genesys-chat.js');
    expect(cdnEntryUrl('/vendor/genesys-chat.iife.js?v=3#x', 'https://shop.example/a/b.html'))
      .toBe('https://shop.example/vendor/cdn/genesys-chat.js');
    expect(cdnEntryUrl('https://cdn.jsdelivr.net/npm/genesys-chat@0.1/dist/genesys-chat.iife.min.js', 'https://shop.example/'))
      .toBe('https://cdn.jsdelivr.net/npm/genesys-chat@0.1/dist/cdn/genesys-chat.js');
  });

  it('under dist/ for a package URL without a file (npm CDNs serve the unpkg/jsdelivr file there)', () => {
    expect(cdnEntryUrl('https://unpkg.com/genesys-chat@0.1', 'https://shop.example/'))
      .toBe('https://unpkg.com/genesys-chat@0.1/dist/cdn/genesys-chat.js');
    expect(cdnEntryUrl('https://cdn.jsdelivr.net/npm/genesys-chat/', 'https://shop.example/'))
      .toBe('https://cdn.jsdelivr.net/npm/genesys-chat/dist/cdn/genesys-chat.js');
  });
});

describe('loaderSrc: the loader finds its own URL', () => {
  const scripts = (...srcs: string[]) => srcs.map((src) => ({ src }));

  it('from document.currentScript (classic, defer or async)', () => {
    expect(loaderSrc({ currentScript: { src: 'https://a.example/x/genesys-chat.iife.js' }, baseURI: 'https://p/', scripts: [] }))
      .toBe('https://a.example/x/genesys-chat.iife.js');
  });

  it('without currentScript (injected code, an inline copy): the last <script src> naming the loader file', () => {
    const doc = { currentScript: null, baseURI: 'https://p/',
      scripts: scripts('https://p/app.js', 'https://a.example/genesys-chat.iife.js?v=1', '', 'https://b.example/genesys-chat.iife.js') };
    expect(loaderSrc(doc)).toBe('https://b.example/genesys-chat.iife.js');
    expect(loaderSrc({ currentScript: { src: '' }, baseURI: 'https://p/', scripts: scripts('https://p/app.js') })).toBeNull();
  });

  it('ignores an SVG <script> (no string src)', () => {
    expect(loaderSrc({ currentScript: { href: 'x' }, baseURI: 'https://p/', scripts: [] })).toBeNull();
  });
});

describe('preloadUrls: the static imports of the entry, fetched beside it', () => {
  it('resolves what the build recorded against the entry, also out of dist/cdn/ into dist/', () => {
    expect(preloadUrls('https://unpkg.com/genesys-chat@0.1/dist/cdn/genesys-chat.js', ['./lit-abc.js', '../core-def.js']))
      .toEqual(['https://unpkg.com/genesys-chat@0.1/dist/cdn/lit-abc.js', 'https://unpkg.com/genesys-chat@0.1/dist/core-def.js']);
  });
});
