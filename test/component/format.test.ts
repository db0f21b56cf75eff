import { expect } from '@open-wc/testing';
import { CLOCK_LOCALES, formatDay, formatFileSize, formatTime } from '../../src/ui/format.js';

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

describe('formatDay and formatFileSize', () => {
  const t = (key: string) => key;

  it('names today and yesterday, and writes an older day out in the language', () => {
    const now = new Date(2026, 2, 14, 12, 0);
    expect(formatDay(new Date(2026, 2, 14, 8, 30).toISOString(), 'en', t, now)).to.equal('today');
    expect(formatDay(new Date(2026, 2, 13, 23, 59).toISOString(), 'en', t, now)).to.equal('yesterday');
    const older = new Date(2026, 2, 2, 9, 0);
    for (const locale of ['en', 'de', 'ja']) {
      expect(formatDay(older.toISOString(), locale, t, now)).to.equal(new Intl.DateTimeFormat(locale,
        { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(older));
    }
    expect(formatDay('not a time', 'en', t, now)).to.equal('');
  });

  it('writes sizes in bytes, KB and MB with the language\'s decimal mark', () => {
    expect(formatFileSize(12, 'en')).to.equal('12 bytes');
    expect(formatFileSize(512 * 1024, 'en')).to.equal('512 KB');
    expect(formatFileSize(2.4 * 1024 * 1024, 'en')).to.equal('2.4 MB');
    expect(formatFileSize(2.4 * 1024 * 1024, 'de')).to.equal('2,4 MB');
    expect(formatFileSize(1536, 'de')).to.equal('2 KB');
  });
});
