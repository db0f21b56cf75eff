// A server imports the package (SSR, Next.js, Astro): nothing may throw, and the element must not need a DOM.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';

assert.equal(typeof globalThis.document, 'undefined', 'this check runs without a DOM');
const widget = await import('genesys-chat');
assert.equal(typeof widget.GenesysChat, 'function', 'GenesysChat is exported');
assert.equal(typeof widget.resolveStrings, 'function', 'resolveStrings is exported');
assert.equal(typeof globalThis.document, 'undefined', 'importing did not create a document');
// CommonJS on Node >= 20.19 (require of an ES module) gets the same module.
const require = createRequire(import.meta.url);
assert.equal(require('genesys-chat').GenesysChat, widget.GenesysChat, 'require() gives the same class');
console.log('imported genesys-chat in Node: ok');
