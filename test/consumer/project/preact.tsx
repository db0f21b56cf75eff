// Preact 11 (README's recipe): <genesys-chat> in Preact's JSX through the exported attribute and property types.
import type { GenesysChatAttributes, GenesysChatPropertiesOnly } from 'genesys-chat';
import 'genesys-chat';
import type { HTMLAttributes } from 'preact';

declare module 'preact' {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace JSX {
    interface IntrinsicElements {
      'genesys-chat': GenesysChatAttributes & GenesysChatPropertiesOnly & HTMLAttributes<HTMLElement>;
    }
  }
}

export const chat = (
  <genesys-chat region="usw2.pure.cloud" deployment-id="abc" mode="inline" position="left" title-count="off"
    notification-sound customAttributes={{ plan: 'gold' }} isOpen class="chat" />
);
// @ts-expect-error: mode is 'launcher' | 'inline'
export const badMode = <genesys-chat mode="popup" />;
// @ts-expect-error: customAttributes is a string map
export const badAttributes = <genesys-chat customAttributes={{ plan: 1 }} />;
