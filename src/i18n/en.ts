/**
 * English strings: the built-in default. Every user-visible string of the widget lives here; placeholders are
 * written `{name}` and filled by `formatString`. Keys are stable: pages override them through the `strings`
 * property.
 */
export const en = {
  title: 'Chat with us',
  openChat: 'Open chat',
  closeChat: 'Close chat',
  unreadCount: '{count} unread',
  endConversation: 'End conversation',
  newConversation: 'Start a new conversation',
  conversationEnded: 'This conversation has ended.',
  endConfirmQuestion: "End this conversation? You can't send more messages in it afterwards.",
  endConfirmAction: 'End conversation',
  cancel: 'Cancel',

  // Status bar
  statusIdle: 'Not connected',
  statusConnecting: 'Connecting…',
  statusOnline: 'Connected',
  statusReconnecting: 'Connection lost. Reconnecting…',
  statusOffline: 'You are offline. Messages will be sent when the connection is back.',
  statusEnded: 'The conversation has ended.',
  statusFailed: 'Chat is unavailable.',
  rateLimited: 'Too many messages at once. You can send again in {seconds} s.',

  // Errors a person can act on (by ChatErrorCode)
  'error.bad-region': 'The chat is set up with an unknown region. Please tell the site owner.',
  'error.missing-deployment': 'The chat is missing its deployment ID. Please tell the site owner.',
  'error.deployment-not-found': 'The chat deployment was not found. Please tell the site owner.',
  'error.deployment-inactive': 'The chat deployment is switched off. Please try again later.',
  'error.origin-not-allowed': 'Chat is not allowed on this website address. Please tell the site owner.',
  'error.offline': 'You are offline. Check your network connection.',
  'error.network': 'The chat service cannot be reached. Retrying…',
  'error.session-expired': 'Your chat session expired. Start a new conversation to continue.',
  'error.session-not-found': 'Your earlier conversation could not be found. A new one will start.',
  'error.message-too-long': 'This message is too long.',
  'error.rate-limited': 'Too many messages at once. Please wait a moment.',
  'error.read-only': 'This conversation has ended; messages can no longer be sent.',
  'error.custom-attributes-too-large': 'The chat details sent by this page are too large. Please tell the site owner.',
  'error.attachment-type-not-allowed': 'Files of this type cannot be sent.',
  'error.attachment-too-large': 'This file is too large.',
  'error.attachment-failed': 'The file could not be uploaded. Please try again.',
  'error.not-connected': 'Not connected yet. Please wait a moment and try again.',
  'error.unauthorized': 'You are not signed in to the chat. Reload the page and try again.',
  'error.server': 'The chat service has a problem. Please try again later.',
  'error.protocol': 'The chat service sent something unexpected. Please try again.',
  'error.unknown': 'Something went wrong. Please try again.',

  // Availability
  availabilityOpen: 'We are online.',
  availabilityClosed: 'We are closed right now. Leave a message and we will reply when we are back.',
  waitTimeMinutes: 'Estimated wait: about {minutes} min',
  waitTimeUnderMinute: 'Estimated wait: under a minute',

  // Message list
  messagesLabel: 'Conversation',
  you: 'You',
  agent: 'Agent',
  bot: 'Bot',
  today: 'Today',
  yesterday: 'Yesterday',
  sending: 'Sending…',
  sent: 'Sent',
  notSent: 'Not sent',
  retry: 'Retry',
  retryAfter: 'Try again in {seconds} s.',
  typing: '{name} is typing…',
  someoneTyping: 'Someone is typing…',
  showEarlier: 'Show earlier messages ({count})',
  newMessagesOne: '1 new message',
  newMessagesOther: '{count} new messages',
  announceMessage: '{name}: {text}',
  presenceJoin: '{name} joined the conversation',
  presenceDisconnect: '{name} left the conversation',
  presenceClear: 'The conversation was cleared',
  presenceSessionExpired: 'The session expired',
  quickRepliesLabel: 'Suggested replies',
  carouselLabel: 'Carousel with {count} cards',
  previousCard: 'Previous card',
  nextCard: 'Next card',
  openLink: '{text} (opens in a new tab)',
  unsupportedContent: 'Unsupported content ({type})',
  attachmentLabel: 'Attachment: {name}',
  imageAlt: 'Image: {name}',
  download: 'Download {name}',
  file: 'file',

  // Composer
  inputLabel: 'Message',
  inputPlaceholder: 'Type a message…',
  send: 'Send',
  attach: 'Attach a file',
  removeAttachment: 'Remove {name}',
  uploading: 'Uploading {name}',
  charCount: '{count} / {max}',
  charCountLabel: '{count} of {max} characters',
  tooLong: 'Your message has {count} characters; the limit is {max}. Shorten it to send.',
  readOnlyPlaceholder: 'This conversation has ended.',

  // Unread messages while the page is in the background
  pageTitleUnread: '({count}) {title}',
  notificationTitle: 'New message from {name}',

  // Files dropped on the panel or pasted
  dropFiles: 'Drop files to attach them',

  // Transcript download
  downloadTranscript: 'Download transcript',
  transcriptHeading: 'Chat transcript, {date}',

  // Pre-chat form
  prechatTitle: 'Before we start',
  prechatIntro: 'Please tell us a little about yourself.',
  prechatSubmit: 'Start chat',
  prechatRequired: '{label} is required.',
  prechatInvalidEmail: 'Enter a valid email address.',
  prechatInvalid: '{label} is not valid.',
  prechatTooLong: '{label} can have at most {max} characters.',
  prechatFixErrors: 'Please correct the fields marked below.',
  prechatChoose: 'Choose…',
  prechatOptional: '(optional)',
};

/** Every key the widget uses. Locales must supply all of them. */
export type GenesysChatStrings = { [K in keyof typeof en]: string };
