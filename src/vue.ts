/**
 * `genesys-chat/vue` (types only): `<genesys-chat>` in Vue 3 templates, checked by vue-tsc (Volar). Opt in once, in
 * any file of the app:
 *
 * ```ts
 * import type {} from 'genesys-chat/vue';
 * ```
 *
 * Then `<genesys-chat :region="…" deployment-id="…" @genesys-chat:message="onMessage" />` is checked: each binding
 * against the element's property (Vue's checker reads `deployment-id` as `deploymentId`), each `@genesys-chat:*`
 * listener against the event's type, and a template ref is the element. The shape follows Vue's guide for custom
 * elements not built with Vue ("Web Components and TypeScript"): a constructor whose instance carries `$props` and
 * `$emit` for the checker only.
 *
 * Bind the properties, as Vue does for any component: `:titleCount="false"`, `:prechatFields="fields"`, `:isOpen`. The
 * checker reads an attribute as its property too, so `title-count="off"` (which works) is refused as a string where
 * a boolean belongs. `open` is refused: Vue would assign it over the element's `open()` method.
 */
import type { EmitFn, HTMLAttributes, PublicProps } from 'vue';
import type { GenesysChatSettableProperty } from './attributes.js';
import type { GenesysChat } from './genesys-chat.js';
import type { GenesysChatEventMap } from './model.js';

/** The properties a template binds (camelCase or kebab-case). */
export type GenesysChatVueProps =
  & Partial<Pick<GenesysChat, GenesysChatSettableProperty>>
  & {
    /** @deprecated Use `:isOpen`: Vue would set `open` over the element's `open()` method. */
    open?: never;
  };

/** `<genesys-chat>` as Vue's template checker sees it. */
export type GenesysChatVueComponent = new () => GenesysChat & {
  /** @deprecated For template type-checking only: not on the element. */
  $props: Omit<HTMLAttributes, keyof GenesysChatVueProps> & GenesysChatVueProps & PublicProps;
  /** @deprecated For template type-checking only: not on the element. */
  $emit: EmitFn<{ [Name in keyof GenesysChatEventMap]: (event: GenesysChatEventMap[Name]) => void }>;
};

declare module 'vue' {
  interface GlobalComponents {
    'genesys-chat': GenesysChatVueComponent;
  }
}
