/**
 * `genesys-chat/jsx` (types only): `<genesys-chat>` in React 19 JSX. Opt in once, in any file of the app:
 *
 * ```ts
 * import type {} from 'genesys-chat/jsx';
 * ```
 *
 * A separate entry because it augments the `react` module: a project without React's types that imports only
 * `genesys-chat` must not see it. React 19 sets properties that the element has (`region`, `customAttributes`, …)
 * and attributes otherwise (`deployment-id`); events go through a `ref` and `addEventListener` (typed), or use the
 * wrapper in `genesys-chat/react`. In JSX the panel's open state is `isOpen` (`open` would overwrite the element's
 * `open()` method, as React 19 assigns any prop the element has).
 */
import type { DetailedHTMLProps, HTMLAttributes } from 'react';
import type { GenesysChatAttributes, GenesysChatPropertiesOnly } from './attributes.js';
import type { GenesysChat } from './genesys-chat.js';

/** Props of `<genesys-chat>` in React JSX. */
export type GenesysChatJsxProps =
  & Omit<DetailedHTMLProps<HTMLAttributes<GenesysChat>, GenesysChat>, keyof GenesysChatAttributes>
  & GenesysChatAttributes
  & GenesysChatPropertiesOnly;

declare module 'react' {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace JSX {
    interface IntrinsicElements {
      'genesys-chat': GenesysChatJsxProps;
    }
  }
}
