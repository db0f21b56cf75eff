import { describe, expect, it } from 'vitest';
import { LINK_PROTOCOLS, MEDIA_PROTOCOLS, safeUrl } from '../../src/ui/safe-url.js';

describe('safeUrl: what remote content may put into href/src', () => {
  it('refuses script schemes however they are disguised, and anything not absolute', () => {
    const hostile = [
      'javascript:alert(1)', 'JaVaScRiPt:alert(1)', 'java\tscript:alert(1)', 'java\nscript:alert(1)', ' javascript:alert(1)',
      '\u0001javascript:alert(1)', 'javascript&#58;alert(1)', 'vbscript:msgbox(1)', 'data:text/html,<script>1</script>',
      '//evil.example/x', '/relative', '', 42, null,
    ];
    for (const raw of hostile) {
      expect(safeUrl(raw, LINK_PROTOCOLS), String(raw)).toBeNull();
      expect(safeUrl(raw, MEDIA_PROTOCOLS), String(raw)).toBeNull();
    }
  });

  it('keeps http, https and (for links only) mailto, normalized', () => {
    expect(safeUrl('HTTPS://Shop.Example/a b')).toBe('https://shop.example/a%20b');
    expect(safeUrl('mailto:help@example.com')).toBe('mailto:help@example.com');
    expect(safeUrl('mailto:help@example.com', MEDIA_PROTOCOLS)).toBeNull();
  });
});
