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
