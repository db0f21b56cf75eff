/* global performance, customElements, MessageChannel, WebSocket, NodeFilter */
// In-page helpers of bench/peers.ts (plain browser JS, injected as text so no build helper leaks into the page).
// Each returns plain numbers; the Node side pairs and divides them.
(() => {
  /** Yields to the event loop without setTimeout's 4 ms clamp. */
  const tick = () => new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve();
    channel.port2.postMessage(0);
  });
  /** An inline genesys-chat of the emulator's demo deployment, not yet attached (it connects when attached). */
  const inlineChat = async (region) => {
    await customElements.whenDefined('genesys-chat');
    const element = document.createElement('genesys-chat');
    element.setAttribute('mode', 'inline');
    element.setAttribute('region', region);
    element.setAttribute('deployment-id', 'demo-deployment');
    return element;
  };
  const until = async (condition, what, limitMs = 20000) => {
    const start = performance.now();
    while (!condition()) {
      if (performance.now() - start > limitMs) throw new Error(`bench: ${what} within ${limitMs} ms`);
      await tick();
    }
  };
  /** Every node (elements, text, comments) under `root`. */
  const countNodes = (root) => {
    if (!root) return 0;
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_ALL);
    let n = 0;
    while (walker.nextNode()) n += 1;
    return n;
  };
  const text = (i) => `message number ${i} with a sentence of ordinary length to keep it realistic`;

  /** A genesys-chat whose controller is the real one, fed by an in-page transport (no network: rendering only). */
  const benchElement = () => {
    if (!customElements.get('bench-genesys-chat')) {
      const { GenesysChat, ChatController } = window.GenesysChat;
      class BenchTransport {
        listener = () => {};
        onEvent(listener) { this.listener = listener; }
        connect() {
          this.listener({ type: 'session', session: { resumed: false, readOnly: false,
            limits: { maxMessageLength: 4000, allowedFileTypes: [], maxFileSizeKB: 10240, blockedExtensions: [] } } });
          return Promise.resolve();
        }
        disconnect() {}
        sendMessage() {}
        sendQuickReply() {}
        sendTyping() {}
        fetchHistory() { return Promise.resolve([]); }
        endConversation() { return Promise.resolve(); }
        startNewConversation() { return Promise.resolve(); }
        forgetSession() {}
      }
      class BenchChat extends GenesysChat {
        createController() {
          this.benchTransport = new BenchTransport();
          return new ChatController(this, () => this.connectionConfig(), {
            engaged: () => true, createTransport: () => this.benchTransport,
          });
        }
        emit(message) {
          this.benchTransport.listener({ type: 'messages', messages: [message], source: 'live' });
        }
      }
      customElements.define('bench-genesys-chat', BenchChat);
    }
    const element = document.createElement('bench-genesys-chat');
    element.setAttribute('mode', 'inline');
    element.setAttribute('region', 'http://127.0.0.1:1');
    element.setAttribute('deployment-id', 'bench');
    return element;
  };
  const agentMessage = (i) => ({
    id: `m-${i}`, direction: 'outbound', role: 'agent', text: text(i), content: [],
    time: new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString(), state: 'sent', sender: { name: 'Alex' },
  });

  window.__bench = {
    /** For bench/profile-appends.ts: the bench element and its messages. */
    benchElement,
    agentMessage,
    /** The floor: a bare WebSocket and one configureSession, from the same page, to the same emulator. */
    async floor(socketUrl) {
      const start = performance.now();
      return new Promise((resolve, reject) => {
        const ws = new WebSocket(socketUrl);
        ws.onopen = () => ws.send(JSON.stringify({
          action: 'configureSession', deploymentId: 'demo-deployment', token: crypto.randomUUID(),
          tracingId: crypto.randomUUID(),
        }));
        ws.onmessage = (event) => {
          const frame = JSON.parse(event.data);
          if (frame.class !== 'SessionResponse') return;
          resolve(performance.now() - start);
          ws.close();
        };
        ws.onerror = () => reject(new Error('floor socket failed'));
      });
    },

    /** genesys-chat inline (connects at once): attach -> `online`; also which scripts were fetched by then. */
    async online(region) {
      const element = await inlineChat(region);
      let start = 0;
      const elapsed = await new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('not online within 20 s')), 20000);
        element.addEventListener('genesys-chat:status', (event) => {
          if (event.detail.status !== 'online') return;
          clearTimeout(timer);
          resolve(performance.now() - start);
        });
        start = performance.now();
        document.body.append(element);
      });
      const onlineAt = start + elapsed;
      const scripts = performance.getEntriesByType('resource')
        .filter((entry) => entry.startTime <= onlineAt && /\.js(\?|$)/.test(entry.name)).map((entry) => entry.name);
      return { elapsed, scripts };
    },

    /**
     * Attach -> first render: the panel's shell (header, transcript list, composer) is in the shadow root and laid out.
     * A new visitor has no history yet (ours comes from the network after `online`; the greeting is the bot's first
     * message), so the shell is what the visitor first sees; deep-chat's static history is local data.
     */
    async firstRenderOurs(region) {
      const element = await inlineChat(region);
      const start = performance.now();
      document.body.append(element);
      const list = () => element.shadowRoot?.querySelector('[part~="messages"]');
      const shell = () => list() && element.shadowRoot.querySelector('[part~="header"]')
        && element.shadowRoot.querySelector('[part~="composer"]');
      await until(() => shell(), 'genesys-chat rendered its shell');
      void list().offsetHeight; // layout, as a paint needs it
      return performance.now() - start;
    },

    async firstRenderDeep(historySize) {
      await customElements.whenDefined('deep-chat');
      const element = document.createElement('deep-chat');
      element.history = Array.from({ length: historySize }, (_, i) => ({ role: i % 2 ? 'ai' : 'user', text: text(i) }));
      const start = performance.now();
      document.body.append(element);
      const list = () => element.shadowRoot?.querySelector('#messages');
      await until(() => list() && list().querySelectorAll('.outer-message-container').length >= historySize,
        'deep-chat rendered its history');
      void list().offsetHeight;
      return performance.now() - start;
    },

    /** `count` agent messages, one at a time, each rendered before the next: per-append ms and DOM figures. */
    async appendOurs(count) {
      const element = benchElement();
      document.body.append(element);
      await until(() => element.status === 'online', 'bench element online');
      await element.updateComplete;
      const samples = [];
      for (let i = 0; i < count; i += 1) {
        const t0 = performance.now();
        element.emit(agentMessage(i));
        await element.updateComplete;
        samples.push(performance.now() - t0);
      }
      const content = element.shadowRoot.querySelector('.messages__content');
      const inDom = content.querySelectorAll('[part~="message"]').length;
      return { samples, inDom, nodes: countNodes(content) };
    },

    async appendDeep(count) {
      await customElements.whenDefined('deep-chat');
      const element = document.createElement('deep-chat');
      document.body.append(element);
      await until(() => element.shadowRoot?.querySelector('#messages'), 'deep-chat rendered');
      const samples = [];
      for (let i = 0; i < count; i += 1) {
        const t0 = performance.now();
        element.addMessage({ role: 'ai', text: text(i) });
        samples.push(performance.now() - t0);
      }
      const content = element.shadowRoot.querySelector('#messages');
      const inDom = content.querySelectorAll('.outer-message-container').length;
      return { samples, inDom, nodes: countNodes(content) };
    },

    /**
     * The reload row's floor: what any client of the history API pays, from a bare page: page 1, then the other pages
     * at once (each with its CORS preflight, as a Bearer token needs one), every body parsed. Resolves with ms.
     */
    async historyFloor(base, jwt, expected) {
      const page = async (n) => {
        const response = await fetch(`${base}/api/v2/webmessaging/messages?pageSize=100&pageNumber=${n}`,
          { headers: { Authorization: `Bearer ${jwt}` } });
        if (!response.ok) throw new Error(`history floor: page ${n} answered ${response.status}`);
        return response.json();
      };
      const start = performance.now();
      const first = await page(1);
      const rest = await Promise.all(Array.from({ length: first.pageCount - 1 }, (_, i) => page(i + 2)));
      const elapsed = performance.now() - start;
      const count = rest.reduce((sum, p) => sum + p.entities.length, first.entities.length);
      if (count < expected) throw new Error(`history floor: ${count} of ${expected} messages`);
      return elapsed;
    },

    /**
     * Reload with a long history: `online` -> every message in the transcript (the controller's, not the DOM), and
     * attach -> the same (work moved in front of `online` shows there); attach -> the first render with a message in
     * it (when the visitor sees the conversation).
     */
    async history(region, expected) {
      const element = await inlineChat(region);
      const start = performance.now();
      let onlineAt = 0;
      element.addEventListener('genesys-chat:status', (event) => {
        if (event.detail.status === 'online' && !onlineAt) onlineAt = performance.now();
      });
      let doneAt = 0;
      let shownAt = 0;
      element.addController({
        hostUpdated: () => {
          if (!shownAt && element.shadowRoot?.querySelector('[part~="message"]')) shownAt = performance.now();
          if (!doneAt && element.controller.messages.length >= expected) doneAt = performance.now();
        },
      });
      document.body.append(element);
      await until(() => onlineAt && doneAt, `online with ${expected} messages`, 30000);
      return { fromOnline: Math.max(0, doneAt - onlineAt), fromAttach: doneAt - start, shown: shownAt - start };
    },
  };
})();
