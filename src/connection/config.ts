/** What the element hands the ChatController: the attributes and properties that decide the connection. */
export interface ChatConnectionConfig {
  /** A Genesys domain (`usw2.pure.cloud`) or an origin URL (`http://127.0.0.1:8787`, the emulator). Direct mode. */
  region?: string;
  /** The Web Messaging deployment id. Direct mode. */
  deploymentId?: string;
  /** Our server's token endpoint. Gateway mode (wins over region + deploymentId). */
  tokenEndpoint?: string;
  /** Routes the conversation: sent as the custom attribute `skill`. */
  skill?: string;
  customAttributes?: Record<string, string>;
  displayName?: string;
  lang?: string;
}
