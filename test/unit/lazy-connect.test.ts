/**
 * A conversation per page view (issue 8, item 1): a new visitor connects only once they open the chat; a stored
 * session resumes quietly on load and is never replaced by a new one until the visitor asks.
 */
import { describe, expect, it } from 'vitest';
import type { ReactiveControllerHost } from 'lit';
import { ChatController, type ChatConnectionConfig } from '../../src/chat-controller.js';
import { hasStoredSession, storedSessionKey } from '../../src/connection/stored-session.js';
import { chatError } from '../../src/connection/errors.js';
import { memoryStorage } from '../../src/session-store.js';
import { FakeHost, FakeTransport, agentMessage } from './support/fake-transport.js';

const CONFIG: ChatConnectionConfig = { region: 'http://127.0.0.1:8787', deploymentId: 'demo-deployment' };

class ForgetfulTransport extends FakeTransport {
  forgotten = 0;
  override forgetSession(): void { this.forgotten++; }
}

function rig(options: { stored: boolean }) {
  const host = new FakeHost();
  const transports: ForgetfulTransport[] = [];
  const state = { engaged: false, stored: options.stored };
  const controller = new ChatController(host as unknown as ReactiveControllerHost & HTMLElement, () => CONFIG, {
    createTransport: () => {
      const transport = new ForgetfulTransport();
      transports.push(transport);
      return transport;
    },
    window: new EventTarget(),
    document: Object.assign(new EventTarget(), { visibilityState: 'visible' }),
    isOnline: () => true,
    logger: { warn: () => {}, debug: () => {} },
    engaged: () => state.engaged,
    hasStoredSession: () => state.stored,
  });
  return { host, controller, transports, state, transport: () => transports.at(-1) as ForgetfulTransport };
}

describe('ChatController: connect on demand', () => {
  it('does not connect a new visitor until the chat is opened', () => {
    const r = rig({ stored: false });
    r.controller.hostConnected();
    r.controller.reconfigure();
    expect(r.controller.status).toBe('idle');
    expect(r.transports.length).toBe(0);
    r.state.engaged = true;
    r.controller.connect();
    expect(r.controller.status).toBe('connecting');
    expect(r.transport().connects).toBe(1);
    r.transport().session({ resumed: false });
    expect(r.controller.status).toBe('online');
  });

  it('resumes a stored session quietly: history and live messages arrive before the chat is opened', async () => {
    const r = rig({ stored: true });
    r.controller.hostConnected();
    expect(r.transport().connects).toBe(1);
    r.transport().history = [agentMessage('a', 1)];
    r.transport().session({ resumed: true });
    expect(r.controller.status).toBe('online');
    await new Promise((resolve) => setImmediate(resolve));
    r.transport().emit({ type: 'messages', messages: [agentMessage('b', 2)], source: 'live' });
    expect(r.controller.messages.map((m) => m.id)).toEqual(['a', 'b']);
    expect(r.transport().forgotten).toBe(0);
  });

  it('a quiet resume that meets a new session closes and forgets it instead of starting a conversation', () => {
    const r = rig({ stored: true });
    r.controller.hostConnected();
    r.transport().session({ resumed: false });
    expect(r.controller.status).toBe('idle');
    expect(r.transport().disconnects).toBeGreaterThan(0);
    expect(r.transport().forgotten).toBe(1);
    // Opening the chat then starts a fresh session (the transport sends the auto-start Join for a new one).
    r.state.engaged = true;
    r.state.stored = false;
    r.controller.connect();
    r.transport().session({ resumed: false });
    expect(r.controller.status).toBe('online');
  });

  it('a quiet resume whose stored session expired does not reconnect until the chat is opened', () => {
    const r = rig({ stored: true });
    r.controller.hostConnected();
    r.state.stored = false; // the transport forgot the expired token
    r.transport().closed(true, chatError('session-expired', 'expired'));
    expect(r.controller.status).toBe('idle');
    expect(r.controller.lastError).toBe(null);
    expect(r.transport().connects).toBe(1);
  });

  it('once engaged, a lost connection reconnects as before', () => {
    const r = rig({ stored: false });
    r.state.engaged = true;
    r.controller.hostConnected();
    r.transport().session({ resumed: false });
    r.transport().closed(true, chatError('network', 'lost'));
    expect(r.controller.status).toBe('reconnecting');
  });
});

describe('stored sessions', () => {
  it('looks under the key the transport uses, per deployment or token endpoint', () => {
    const storage = memoryStorage();
    expect(storedSessionKey(CONFIG)).toBe('genesys-chat:demo-deployment:token');
    expect(storedSessionKey({ tokenEndpoint: '/api/session' })).toBe('genesys-chat:gateway:/api/session');
    expect(hasStoredSession(CONFIG, storage)).toBe(false);
    storage.setItem('genesys-chat:demo-deployment:token', 'abc');
    expect(hasStoredSession(CONFIG, storage)).toBe(true);
    expect(hasStoredSession({ tokenEndpoint: '/api/session' }, storage)).toBe(false);
    const broken = { getItem: () => { throw new Error('blocked'); }, setItem: () => {}, removeItem: () => {} };
    expect(hasStoredSession(CONFIG, broken)).toBe(false);
  });
});
