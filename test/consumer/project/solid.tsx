// Solid 1.9 (README's recipe): <genesys-chat> in Solid's JSX through the exported attribute and property types.
import type { GenesysChatAttributes, GenesysChatPropertiesOnly } from 'genesys-chat';
import 'genesys-chat';
import type { JSX as SolidJSX } from 'solid-js';

declare module 'solid-js' {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace JSX {
    interface IntrinsicElements {
      'genesys-chat': GenesysChatAttributes & GenesysChatPropertiesOnly & SolidJSX.HTMLAttributes<HTMLElement>;
    }
  }
}

export const chat = () => (
  <genesys-chat region="usw2.pure.cloud" deployment-id="abc" mode="inline" position="left" title-count="off"
    notification-sound customAttributes={{ plan: 'gold' }} class="chat" />
);
// @ts-expect-error: mode is 'launcher' | 'inline'
export const badMode = () => <genesys-chat mode="popup" />;
// @ts-expect-error: position is 'left' | 'right'
export const badPosition = () => <genesys-chat position="center" />;
