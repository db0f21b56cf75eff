import { expect } from '@open-wc/testing';
import { CLOCK_LOCALES, formatTime } from '../../src/ui/format.js';

/** Every minute of a day, as the local times a message can carry. */
const day = Array.from({ length: 24 * 60 }, (_, minute) => new Date(2026, 2, 14, Math.floor(minute / 60), minute % 60, 30));

describe('formatTime: message times without loading ICU for the shipped languages', () => {
  it('writes every minute of the day exactly as Intl does, for each locale it writes out itself', () => {
    expect(CLOCK_LOCALES).to.include.members(['en', 'de', 'es', 'fr', 'it', 'ja', 'nl', 'pt-br']);
    for (const tag of CLOCK_LOCALES) {
      // Pages spell tags in any case (`en-US`, `pt-BR`).
      const spelled = tag.replace(/-(\w+)$/, (_, region: string) => `-${region.toUpperCase()}`);
      const intl = new Intl.DateTimeFormat(spelled, { hour: 'numeric', minute: '2-digit' });
      const wrong = day.filter((date) => formatTime(date.toISOString(), spelled) !== intl.format(date));
      expect(wrong.map((date) => `${spelled} ${intl.format(date)} -> ${formatTime(date.toISOString(), spelled)}`)).to.deep.equal([]);
    }
  });

  it('leaves every other locale to Intl (a clock of its own, an -u-hc- extension)', () => {
    const date = new Date(2026, 2, 14, 15, 5);
    for (const tag of ['fr-CA', 'en-CA', 'es-MX', 'ko', 'en-US-u-hc-h23']) {
      expect(formatTime(date.toISOString(), tag)).to.equal(new Intl.DateTimeFormat(tag, { hour: 'numeric', minute: '2-digit' }).format(date));
    }
    expect(formatTime(date.toISOString(), 'fr-CA')).to.equal('15 h 05');
  });

  it('shows nothing for a time that is not a time', () => {
    expect(formatTime('yesterday-ish', 'en')).to.equal('');
    expect(formatTime('', 'de')).to.equal('');
  });
});
