// `npm install genesys-chat`, then import it once: the import registers <genesys-chat> (Lit comes along as its
// only dependency, shared with any Lit the app already has).
import 'genesys-chat';
import type { ChatMessage } from 'genesys-chat';
import { deploymentId, region } from '../../dev-config.js';

const chat = document.createElement('genesys-chat'); // typed: GenesysChat
chat.region = region;
chat.deploymentId = deploymentId;
chat.mode = 'inline';
chat.customAttributes = { page: location.pathname };

const output = document.querySelector<HTMLOutputElement>('#last-message');
chat.addEventListener('genesys-chat:message', (event) => {
  const message: ChatMessage = event.detail.message; // typed detail
  if (message.role !== 'system' && output) output.value = `${message.role}: ${message.text}`;
});
chat.addEventListener('genesys-chat:error', (event) => console.warn('chat error', event.detail.code));

document.querySelector('#chat')?.append(chat);
