import { expect } from '@open-wc/testing';
import { formatString, pickLanguage, resolveStrings } from '../../src/i18n.js';
import { en } from '../../src/i18n/en.js';
import { de } from '../../src/i18n/de.js';

describe('i18n', () => {
  it('ships a complete German table', () => {
    expect(Object.keys(de).sort()).to.deep.equal(Object.keys(en).sort());
    for (const [key, value] of Object.entries(de)) expect(value, key).to.be.a('string').and.not.equal('');
  });

  it('picks the locale by primary language and falls back to English', () => {
    expect(resolveStrings('de-AT').send).to.equal('Senden');
    expect(resolveStrings('fr').send).to.equal('Send');
    expect(pickLanguage('', 'de')).to.equal('de');
    expect(pickLanguage('en-GB', 'de')).to.equal('en-GB');
  });

  it('applies overrides on top of the locale', () => {
    const strings = resolveStrings('de', { send: 'Los' });
    expect(strings.send).to.equal('Los');
    expect(strings.attach).to.equal('Datei anhängen');
  });

  it('fills placeholders and keeps unknown ones visible', () => {
    expect(formatString('{count} / {max}', { count: 3, max: 10 })).to.equal('3 / 10');
    expect(formatString('Hi {nmae}', { name: 'x' })).to.equal('Hi {nmae}');
  });
});
