/**
 * config.json is read once per page and shared (the transport's features and the Messenger settings), and waits
 * while a socket to the deployment opens (src/connection/config-reader.ts).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { forgetDeploymentConfig, holdDeploymentConfig, readDeploymentConfig } from '../../src/connection/config-reader.js';
import { forgetMessengerSettings, loadMessengerSettings } from '../../src/ui/messenger-settings.js';

const BASE = 'http://127.0.0.1:9';
const CONFIG = { id: 'dep', status: 'Active', messenger: { enabled: true, styles: { primaryColor: '#123456' } } };

function countingFetch(status = 200): { fetch: typeof fetch; urls: string[] } {
  const urls: string[] = [];
  const fetchImpl = ((input: RequestInfo | URL) => {
    urls.push(String(input));
    return Promise.resolve(new Response(status === 200 ? JSON.stringify(CONFIG) : '{}', { status }));
  }) as typeof fetch;
  return { fetch: fetchImpl, urls };
}

afterEach(() => {
  forgetDeploymentConfig();
  forgetMessengerSettings();
});

describe('config.json: one read per page', () => {
  it('the transport and the Messenger settings share one fetch', async () => {
    const { fetch, urls } = countingFetch();
    const [transportView, settings] = await Promise.all([
      readDeploymentConfig(fetch, BASE, 'dep'),
      loadMessengerSettings(BASE, 'dep', fetch),
    ]);
    expect(transportView.kind).toBe('ok');
    expect(settings?.primaryColor).toBe('#123456'); // the settings reader loaded (a chunk in the build) and read it
    expect(urls).toEqual([`${BASE}/webdeployments/v1/deployments/dep/config.json`]);
  });

  it('an answer that is not ok is asked again next time', async () => {
    const { fetch, urls } = countingFetch(503);
    expect((await readDeploymentConfig(fetch, BASE, 'dep')).kind).toBe('unavailable');
    expect((await readDeploymentConfig(fetch, BASE, 'dep')).kind).toBe('unavailable');
    expect(urls).toHaveLength(2);
  });

  it('waits while a socket to the deployment opens, then reads', async () => {
    const { fetch, urls } = countingFetch();
    let open!: () => void;
    holdDeploymentConfig(BASE, 'dep', new Promise<void>((resolve) => { open = resolve; }));
    const read = readDeploymentConfig(fetch, BASE, 'dep');
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(urls).toHaveLength(0);
    open();
    expect((await read).kind).toBe('ok');
    expect(urls).toHaveLength(1);
  });
});
