import { describe, expect, it } from 'vitest';
import { configKey, conversationKey } from '../../src/connection/config-keys.js';

describe('config keys', () => {
  const base = { region: 'usw2.pure.cloud', deploymentId: 'd1', skill: 'Billing', customAttributes: { a: '1', b: '2' } };

  it('ignores the order of custom attributes and the language', () => {
    expect(configKey({ ...base, customAttributes: { b: '2', a: '1' }, lang: 'fr' })).toBe(configKey(base));
  });

  it('changes with anything the transport is built from', () => {
    expect(configKey({ ...base, skill: 'Sales' })).not.toBe(configKey(base));
    expect(configKey({ ...base, displayName: 'Ann' })).not.toBe(configKey(base));
    expect(configKey(null)).toBe('');
  });

  it('names the conversation by region, deployment and endpoint only', () => {
    expect(conversationKey({ ...base, skill: 'Sales' })).toBe(conversationKey(base));
    expect(conversationKey({ ...base, deploymentId: 'd2' })).not.toBe(conversationKey(base));
    expect(conversationKey(null)).toBe('');
  });
});
