/**
 * Whether a custom element `tag` can be registered now: false on a server (Node, Deno, a worker: no
 * `customElements`) and when a second copy of the widget on the same page (a CDN script next to a bundled npm copy)
 * has defined it already, where `define` would throw. The first definition wins.
 */
export function canDefine(tag: string): boolean {
  const registry = (globalThis as { customElements?: CustomElementRegistry }).customElements;
  return registry !== undefined && registry.get(tag) === undefined;
}
