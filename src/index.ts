/**
 * genesys-chat: importing this module registers `<genesys-chat>` (in a browser; on a server it only exports) and
 * exposes the public API and types.
 *
 * ```html
 * <script type="module" src="genesys-chat.js"></script>
 * <genesys-chat region="usw2.pure.cloud" deployment-id="…" skill="General Support"></genesys-chat>
 * ```
 */
export { GenesysChat, type GenesysChatMode, type GenesysChatPosition } from './genesys-chat.js';
export { ChatController, type ChatConnectionConfig } from './chat-controller.js';
export { AuthFailure } from './connection/auth-failure.js';
export { BUILT_IN_LANGUAGES, loadLocale, resolveStrings, type GenesysChatStrings } from './i18n.js';
export type { GenesysChatAttributes, GenesysChatPropertiesOnly, GenesysChatSettableProperty } from './attributes.js';
export type { PrechatField, PrechatFieldType } from './ui/prechat.js';
export type { ChatView } from './ui/chat-view.js';
export * from './model.js';
export type {
  Attachment, AttachmentContent, AttachmentMediaType, ButtonResponse, ButtonResponseContent, Card, CardAction,
  CardContent, Carousel, CarouselContent, MessageContent, QuickReply, QuickReplyContent, UnknownContent,
} from './protocol/web-messaging.js';
export type { Transport, UploadProgress } from './transports/transport.js';
