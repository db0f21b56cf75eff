// A plain TypeScript app: no framework, no React types installed. Every `@ts-expect-error` proves a type is precise
// (were it `any`, the directive would be unused and tsc would fail).
import 'genesys-chat';
import {
  GenesysChat, type ChatError, type ChatMessage, type ChatStatus, type GenesysChatAttributes, type GenesysChatEventMap,
  type MessageContent, type StatusEventDetail,
} from 'genesys-chat';

// createElement knows the tag.
const chat = document.createElement('genesys-chat');
const element: GenesysChat = chat;
// @ts-expect-error: a plain HTMLElement is not a GenesysChat
const notAChat: GenesysChat = document.createElement('div');

// Typed properties.
chat.region = 'usw2.pure.cloud';
chat.deploymentId = '00000000-0000-0000-0000-000000000000';
chat.mode = 'inline';
chat.customAttributes = { plan: 'gold' };
chat.strings = { title: 'Support' };
// @ts-expect-error: mode is 'launcher' | 'inline'
chat.mode = 'popup';
// @ts-expect-error: status is read-only
chat.status = 'online';
const status: ChatStatus = chat.status;
const sent: ChatMessage = element.send('hello');
void chat.endConversation().then(() => chat.startNewConversation());

// Typed events on the element, on document and on window (they bubble and are composed).
chat.addEventListener('genesys-chat:message', (event) => {
  const message: ChatMessage = event.detail.message;
  const text: string = message.text;
  const content: MessageContent[] = message.content;
  // @ts-expect-error: detail is typed, not any
  const wrong: number = event.detail.message;
  void [text, content, wrong];
});
chat.addEventListener('genesys-chat:status', (event) => {
  const detail: StatusEventDetail = event.detail;
  const now: ChatStatus = detail.status;
  void now;
});
document.addEventListener('genesys-chat:error', (event) => {
  const error: ChatError = event.detail;
  if (error.fatal) console.error(error.code, error.message);
});
window.addEventListener('genesys-chat:typing', (event) => console.log(event.detail.typing));
chat.addEventListener('genesys-chat:open', (event) => console.log(event.detail.mode));
type MessageEvent = GenesysChatEventMap['genesys-chat:message'];

// The markup attributes, for template and JSX declarations of other frameworks.
const attributes: GenesysChatAttributes = { region: 'mypurecloud.ie', 'deployment-id': 'x', mode: 'launcher' };
// @ts-expect-error: no such attribute
const badAttributes: GenesysChatAttributes = { 'deployment-idd': 'x' };

document.body.append(chat);
export type { MessageEvent };
export { attributes, badAttributes, notAChat, sent, status };
