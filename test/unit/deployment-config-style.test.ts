import { describe, expect, it } from 'vitest';
import { featuresFromConfig } from '../../src/connection/deployment-config.js';
import type { DeploymentConfig } from '../../src/protocol/web-messaging.js';

const config = (primaryColor: unknown): DeploymentConfig => ({
  id: 'd', version: '1', languages: ['en-us'], defaultLanguage: 'en-us', status: 'Active',
  messenger: { enabled: true, styles: { primaryColor } as { primaryColor?: string } },
});

describe('featuresFromConfig: the deployment\'s brand colour', () => {
  it('takes messenger.styles.primaryColor when it is a hex colour', () => {
    expect(featuresFromConfig(config('#FFD400')).primaryColor).toBe('#FFD400');
    expect(featuresFromConfig(config(' #123 ')).primaryColor).toBe('#123');
  });

  it('ignores anything else (remote config is hostile until checked)', () => {
    for (const bad of ['red', 'url(x)', '#12345', '#1234567', 'red; } :host { display:none', 42, null, { r: 1 }]) {
      expect(featuresFromConfig(config(bad)).primaryColor).toBeUndefined();
    }
    expect(featuresFromConfig({ ...config('#fff'), messenger: undefined }).primaryColor).toBeUndefined();
  });
});

describe('featuresFromConfig: the deployment\'s languages', () => {
  it('keeps well-formed language tags and the default language', () => {
    const features = featuresFromConfig({ ...config('#fff'), languages: ['en-us', 'de', 'pt-br', 42, '<x>', 'zh-cn'] as string[], defaultLanguage: 'de' });
    expect(features.languages).toEqual(['en-us', 'de', 'pt-br', 'zh-cn']);
    expect(features.defaultLanguage).toBe('de');
    expect(featuresFromConfig({ ...config('#fff'), defaultLanguage: 'en-us"; x' }).defaultLanguage).toBeUndefined();
  });
});
