/** Dutch strings. */
import type { GenesysChatStrings } from './en.js';

export const nl: GenesysChatStrings = {
  title: 'Chat met ons',
  openChat: 'Chat openen',
  closeChat: 'Chat sluiten',
  unreadCount: '{count} ongelezen',
  endConversation: 'Gesprek beëindigen',
  newConversation: 'Nieuw gesprek beginnen',
  conversationEnded: 'Dit gesprek is beëindigd.',

  // Status bar
  statusIdle: 'Niet verbonden',
  statusConnecting: 'Verbinden…',
  statusOnline: 'Verbonden',
  statusReconnecting: 'Verbinding verbroken. Opnieuw verbinden…',
  statusOffline: 'Je bent offline. Berichten worden verstuurd zodra de verbinding terug is.',
  statusEnded: 'Het gesprek is beëindigd.',
  statusFailed: 'De chat is niet beschikbaar.',
  rateLimited: 'Te veel berichten tegelijk. Je kunt over {seconds} s weer versturen.',

  // Errors
  'error.bad-region': 'De chat is ingesteld met een onbekende regio. Laat het de beheerder van de site weten.',
  'error.missing-deployment': 'De chat mist zijn deployment-ID. Laat het de beheerder van de site weten.',
  'error.deployment-not-found': 'De chatdeployment is niet gevonden. Laat het de beheerder van de site weten.',
  'error.deployment-inactive': 'De chatdeployment staat uit. Probeer het later opnieuw.',
  'error.origin-not-allowed': 'Chat is niet toegestaan op dit webadres. Laat het de beheerder van de site weten.',
  'error.offline': 'Je bent offline. Controleer je netwerkverbinding.',
  'error.network': 'De chatdienst is niet bereikbaar. Opnieuw proberen…',
  'error.session-expired': 'Je chatsessie is verlopen. Begin een nieuw gesprek om verder te gaan.',
  'error.session-not-found': 'Je eerdere gesprek is niet gevonden. Er begint een nieuw gesprek.',
  'error.message-too-long': 'Dit bericht is te lang.',
  'error.rate-limited': 'Te veel berichten tegelijk. Wacht even.',
  'error.read-only': 'Dit gesprek is beëindigd; er kunnen geen berichten meer worden verstuurd.',
  'error.custom-attributes-too-large': 'De gegevens die deze pagina meestuurt zijn te groot. Laat het de beheerder van de site weten.',
  'error.attachment-type-not-allowed': 'Bestanden van dit type kunnen niet worden verstuurd.',
  'error.attachment-too-large': 'Dit bestand is te groot.',
  'error.attachment-failed': 'Het bestand kon niet worden geüpload. Probeer het opnieuw.',
  'error.not-connected': 'Nog niet verbonden. Wacht even en probeer het opnieuw.',
  'error.unauthorized': 'Je bent niet aangemeld bij de chat. Laad de pagina opnieuw en probeer het nog eens.',
  'error.server': 'De chatdienst heeft een probleem. Probeer het later opnieuw.',
  'error.protocol': 'De chatdienst stuurde iets onverwachts. Probeer het opnieuw.',
  'error.unknown': 'Er ging iets mis. Probeer het opnieuw.',

  // Availability
  availabilityOpen: 'We zijn online.',
  availabilityClosed: 'We zijn nu gesloten. Laat een bericht achter, dan reageren we zodra we terug zijn.',
  waitTimeMinutes: 'Geschatte wachttijd: ongeveer {minutes} min',
  waitTimeUnderMinute: 'Geschatte wachttijd: minder dan een minuut',

  // Message list
  messagesLabel: 'Gesprek',
  you: 'Jij',
  agent: 'Medewerker',
  bot: 'Bot',
  today: 'Vandaag',
  yesterday: 'Gisteren',
  sending: 'Versturen…',
  sent: 'Verstuurd',
  notSent: 'Niet verstuurd',
  retry: 'Opnieuw proberen',
  retryAfter: 'Probeer het over {seconds} s opnieuw.',
  typing: '{name} is aan het typen…',
  someoneTyping: 'Iemand is aan het typen…',
  showEarlier: 'Eerdere berichten tonen ({count})',
  newMessagesOne: '1 nieuw bericht',
  newMessagesOther: '{count} nieuwe berichten',
  announceMessage: '{name}: {text}',
  presenceJoin: '{name} neemt deel aan het gesprek',
  presenceDisconnect: '{name} heeft het gesprek verlaten',
  presenceClear: 'Het gesprek is gewist',
  presenceSessionExpired: 'De sessie is verlopen',
  quickRepliesLabel: 'Voorgestelde antwoorden',
  carouselLabel: 'Carrousel met {count} kaarten',
  previousCard: 'Vorige kaart',
  nextCard: 'Volgende kaart',
  openLink: '{text} (opent in een nieuw tabblad)',
  unsupportedContent: 'Niet-ondersteunde inhoud ({type})',
  attachmentLabel: 'Bijlage: {name}',
  imageAlt: 'Afbeelding: {name}',
  download: '{name} downloaden',
  file: 'bestand',

  // Composer
  inputLabel: 'Bericht',
  inputPlaceholder: 'Typ een bericht…',
  send: 'Versturen',
  attach: 'Bestand bijvoegen',
  removeAttachment: '{name} verwijderen',
  uploading: '{name} uploaden',
  charCount: '{count} / {max}',
  charCountLabel: '{count} van {max} tekens',
  tooLong: 'Je bericht heeft {count} tekens; de limiet is {max}. Maak het korter om het te versturen.',
  readOnlyPlaceholder: 'Dit gesprek is beëindigd.',

  // Unread messages while the page is in the background
  pageTitleUnread: '({count}) {title}',
  notificationTitle: 'Nieuw bericht van {name}',

  // Files dropped on the panel or pasted
  dropFiles: 'Zet bestanden hier neer om ze bij te voegen',

  // Transcript download
  downloadTranscript: 'Gesprek downloaden',
  transcriptHeading: 'Chatgesprek, {date}',

  // Pre-chat form
  prechatTitle: 'Voordat we beginnen',
  prechatIntro: 'Vertel ons iets over jezelf.',
  prechatSubmit: 'Chat starten',
  prechatRequired: '{label} is verplicht.',
  prechatInvalidEmail: 'Vul een geldig e-mailadres in.',
  prechatInvalid: '{label} is niet geldig.',
  prechatTooLong: '{label} mag hoogstens {max} tekens hebben.',
  prechatFixErrors: 'Verbeter de gemarkeerde velden hieronder.',
  prechatChoose: 'Kies…',
  prechatOptional: '(optioneel)',
};
