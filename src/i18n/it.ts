/** Italian strings. */
import type { GenesysChatStrings } from './en.js';

export const it: GenesysChatStrings = {
  title: 'Chatta con noi',
  openChat: 'Apri la chat',
  closeChat: 'Chiudi la chat',
  unreadCount: '{count} non letti',
  endConversation: 'Termina la conversazione',
  newConversation: 'Inizia una nuova conversazione',
  conversationEnded: 'Questa conversazione è terminata.',

  // Status bar
  statusIdle: 'Non connesso',
  statusConnecting: 'Connessione…',
  statusOnline: 'Connesso',
  statusReconnecting: 'Connessione persa. Riconnessione…',
  statusOffline: 'Sei offline. I messaggi verranno inviati quando la connessione tornerà.',
  statusEnded: 'La conversazione è terminata.',
  statusFailed: 'La chat non è disponibile.',
  rateLimited: 'Troppi messaggi insieme. Potrai inviare di nuovo tra {seconds} s.',

  // Errors
  'error.bad-region': 'La chat è configurata con una regione sconosciuta. Avvisa il gestore del sito.',
  'error.missing-deployment': 'Manca l’ID di distribuzione della chat. Avvisa il gestore del sito.',
  'error.deployment-not-found': 'La distribuzione della chat non è stata trovata. Avvisa il gestore del sito.',
  'error.deployment-inactive': 'La distribuzione della chat è disattivata. Riprova più tardi.',
  'error.origin-not-allowed': 'La chat non è consentita su questo indirizzo web. Avvisa il gestore del sito.',
  'error.offline': 'Sei offline. Controlla la connessione di rete.',
  'error.network': 'Il servizio di chat non è raggiungibile. Nuovo tentativo…',
  'error.session-expired': 'La sessione di chat è scaduta. Inizia una nuova conversazione per continuare.',
  'error.session-not-found': 'La conversazione precedente non è stata trovata. Ne inizierà una nuova.',
  'error.message-too-long': 'Questo messaggio è troppo lungo.',
  'error.rate-limited': 'Troppi messaggi insieme. Attendi un momento.',
  'error.read-only': 'Questa conversazione è terminata; non è più possibile inviare messaggi.',
  'error.custom-attributes-too-large': 'I dati inviati da questa pagina sono troppo grandi. Avvisa il gestore del sito.',
  'error.attachment-type-not-allowed': 'Non è possibile inviare file di questo tipo.',
  'error.attachment-too-large': 'Questo file è troppo grande.',
  'error.attachment-failed': 'Non è stato possibile caricare il file. Riprova.',
  'error.not-connected': 'Non ancora connesso. Attendi un momento e riprova.',
  'error.unauthorized': 'Non hai effettuato l’accesso alla chat. Ricarica la pagina e riprova.',
  'error.server': 'Il servizio di chat ha un problema. Riprova più tardi.',
  'error.protocol': 'Il servizio di chat ha inviato qualcosa di inatteso. Riprova.',
  'error.unknown': 'Si è verificato un errore. Riprova.',

  // Availability
  availabilityOpen: 'Siamo online.',
  availabilityClosed: 'Al momento siamo chiusi. Lascia un messaggio e ti risponderemo al nostro ritorno.',
  waitTimeMinutes: 'Attesa stimata: circa {minutes} min',
  waitTimeUnderMinute: 'Attesa stimata: meno di un minuto',

  // Message list
  messagesLabel: 'Conversazione',
  you: 'Tu',
  agent: 'Operatore',
  bot: 'Bot',
  today: 'Oggi',
  yesterday: 'Ieri',
  sending: 'Invio…',
  sent: 'Inviato',
  notSent: 'Non inviato',
  retry: 'Riprova',
  retryAfter: 'Riprova tra {seconds} s.',
  typing: '{name} sta scrivendo…',
  someoneTyping: 'Qualcuno sta scrivendo…',
  showEarlier: 'Mostra i messaggi precedenti ({count})',
  newMessagesOne: '1 nuovo messaggio',
  newMessagesOther: '{count} nuovi messaggi',
  announceMessage: '{name}: {text}',
  presenceJoin: '{name} si è unito alla conversazione',
  presenceDisconnect: '{name} ha lasciato la conversazione',
  presenceClear: 'La conversazione è stata cancellata',
  presenceSessionExpired: 'La sessione è scaduta',
  quickRepliesLabel: 'Risposte suggerite',
  carouselLabel: 'Carosello con {count} schede',
  previousCard: 'Scheda precedente',
  nextCard: 'Scheda successiva',
  openLink: '{text} (si apre in una nuova scheda)',
  unsupportedContent: 'Contenuto non supportato ({type})',
  attachmentLabel: 'Allegato: {name}',
  imageAlt: 'Immagine: {name}',
  download: 'Scarica {name}',
  file: 'file',

  // Composer
  inputLabel: 'Messaggio',
  inputPlaceholder: 'Scrivi un messaggio…',
  send: 'Invia',
  attach: 'Allega un file',
  removeAttachment: 'Rimuovi {name}',
  uploading: 'Caricamento di {name}',
  charCount: '{count} / {max}',
  charCountLabel: '{count} di {max} caratteri',
  tooLong: 'Il messaggio ha {count} caratteri; il limite è {max}. Accorcialo per inviarlo.',
  readOnlyPlaceholder: 'Questa conversazione è terminata.',

  // Unread messages while the page is in the background
  pageTitleUnread: '({count}) {title}',
  notificationTitle: 'Nuovo messaggio da {name}',

  // Files dropped on the panel or pasted
  dropFiles: 'Trascina qui i file per allegarli',

  // Transcript download
  downloadTranscript: 'Scarica la conversazione',
  transcriptHeading: 'Trascrizione della chat, {date}',

  // Pre-chat form
  prechatTitle: 'Prima di iniziare',
  prechatIntro: 'Raccontaci qualcosa di te.',
  prechatSubmit: 'Avvia la chat',
  prechatRequired: '{label} è obbligatorio.',
  prechatInvalidEmail: 'Inserisci un indirizzo email valido.',
  prechatInvalid: '{label} non è valido.',
  prechatTooLong: '{label} può avere al massimo {max} caratteri.',
  prechatFixErrors: 'Correggi i campi indicati qui sotto.',
  prechatChoose: 'Scegli…',
  prechatOptional: '(facoltativo)',
};
