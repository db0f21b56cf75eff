// The browser build's entry (dist/cdn/genesys-chat.js, see vite.config.ts): the ES build's output, plus the global
// `GenesysChat` a classic-script page uses. Set in the same evaluation that defines the element, so code that waits
// with `customElements.whenDefined('genesys-chat')` finds it.
import * as GenesysChat from '../dist/genesys-chat.js';

export * from '../dist/genesys-chat.js';
globalThis.GenesysChat ??= GenesysChat;
