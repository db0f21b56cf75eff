// Server-side rendering with the React wrapper: importing and rendering to a string must not throw.
import assert from 'node:assert/strict';
import { createElement } from 'react';
import { renderToString } from 'react-dom/server';

const { GenesysChat } = await import('genesys-chat/react');
const html = renderToString(createElement(GenesysChat, { region: 'usw2.pure.cloud', deploymentId: 'abc' }));
assert.match(html, /^<genesys-chat[\s>]/, `renders the element: ${html}`);
console.log('rendered genesys-chat/react on the server: ok');
