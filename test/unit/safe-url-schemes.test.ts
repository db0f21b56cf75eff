/** Each allowed scheme is allowed where it belongs, and only there (safeUrl's two lists). */
import { describe, expect, it } from 'vitest';
import { LINK_PROTOCOLS, MEDIA_PROTOCOLS, safeUrl } from '../../src/ui/safe-url.js';

describe('safeUrl: the allowed schemes', () => {
  it('images and downloads: http, https and blob (the guest\'s own previews); no mailto', () => {
    expect(safeUrl('http://cdn.example/a.png', MEDIA_PROTOCOLS)).toBe('http://cdn.example/a.png');
    expect(safeUrl('https://cdn.example/a.png', MEDIA_PROTOCOLS)).toBe('https://cdn.example/a.png');
    expect(safeUrl('blob:https://site.example/4a1e', MEDIA_PROTOCOLS)).toBe('blob:https://site.example/4a1e');
    expect(safeUrl('mailto:a@b.example', MEDIA_PROTOCOLS)).toBeNull();
    expect(MEDIA_PROTOCOLS).toEqual(['http:', 'https:', 'blob:']);
  });

  it('links: http, https and mailto (the default list); no blob', () => {
    expect(safeUrl('http://shop.example/')).toBe('http://shop.example/');
    expect(safeUrl('https://shop.example/')).toBe('https://shop.example/');
    expect(safeUrl('mailto:a@b.example')).toBe('mailto:a@b.example');
    expect(safeUrl('blob:https://site.example/4a1e')).toBeNull();
    expect(LINK_PROTOCOLS).toEqual(['http:', 'https:', 'mailto:']);
  });

  it('surrounding white space is tolerated; white space alone is nothing', () => {
    expect(safeUrl('  https://shop.example/x \n')).toBe('https://shop.example/x');
    expect(safeUrl(' \t ')).toBeNull();
  });
});
