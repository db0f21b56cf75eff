/**
 * `genesys-chat/react`: `<GenesysChat>` as a React component, for React 18 (React 19 renders `<genesys-chat>`
 * itself; see `genesys-chat/jsx`). Props become element properties, and `onAuth`, `onStatus`, `onMessage`,
 * `onTyping`, `onError`, `onOpen`, `onClose` listen to the `genesys-chat:*` events with their typed `detail`.
 *
 * ```tsx
 * import { GenesysChat } from 'genesys-chat/react';
 * <GenesysChat region="usw2.pure.cloud" deploymentId="…" onMessage={(e) => console.log(e.detail.message.text)} />
 * ```
 *
 * Built with @lit/react, which the build bundles into this file: the package's only dependency stays `lit`.
 */
import { createComponent, type EventName } from '@lit/react';
import * as React from 'react';
// The package itself, not a relative path: the app's bundler loads one copy of the element for both entries.
import { GenesysChat as GenesysChatElement } from 'genesys-chat';
import type { GenesysChatSettableProperty } from './attributes.js';
import type { GenesysChatEventMap } from './model.js';

/** React props named after the events they listen to. */
export interface GenesysChatEventProps {
  onAuth?: (event: GenesysChatEventMap['genesys-chat:auth']) => void;
  onStatus?: (event: GenesysChatEventMap['genesys-chat:status']) => void;
  onMessage?: (event: GenesysChatEventMap['genesys-chat:message']) => void;
  onTyping?: (event: GenesysChatEventMap['genesys-chat:typing']) => void;
  onError?: (event: GenesysChatEventMap['genesys-chat:error']) => void;
  onOpen?: (event: GenesysChatEventMap['genesys-chat:open']) => void;
  onClose?: (event: GenesysChatEventMap['genesys-chat:close']) => void;
}

/** The element's settable properties. */
export type GenesysChatElementProps = Partial<Pick<GenesysChatElement, GenesysChatSettableProperty>>;

/** Every prop of `<GenesysChat>`: HTML attributes, the element's properties, the event callbacks and `ref`. */
export type GenesysChatProps =
  & Omit<React.HTMLAttributes<GenesysChatElement>, keyof GenesysChatEventProps | keyof GenesysChatElementProps>
  & GenesysChatElementProps
  & GenesysChatEventProps
  & React.RefAttributes<GenesysChatElement>;

type Events = { [K in keyof GenesysChatEventProps]-?: EventName<Parameters<NonNullable<GenesysChatEventProps[K]>>[0]> };

const events: Events = {
  onAuth: 'genesys-chat:auth' as Events['onAuth'],
  onStatus: 'genesys-chat:status' as Events['onStatus'],
  onMessage: 'genesys-chat:message' as Events['onMessage'],
  onTyping: 'genesys-chat:typing' as Events['onTyping'],
  onError: 'genesys-chat:error' as Events['onError'],
  onOpen: 'genesys-chat:open' as Events['onOpen'],
  onClose: 'genesys-chat:close' as Events['onClose'],
};

/** `<genesys-chat>` for React; the `ref` is the element (`send()`, `open()`, `status`, …). */
export const GenesysChat: React.ForwardRefExoticComponent<GenesysChatProps> = createComponent({
  react: React,
  tagName: 'genesys-chat',
  elementClass: GenesysChatElement,
  events,
  displayName: 'GenesysChat',
});

export type { GenesysChatElement };
