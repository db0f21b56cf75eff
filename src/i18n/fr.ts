/** French strings. */
import type { GenesysChatStrings } from './en.js';

export const fr: GenesysChatStrings = {
  title: 'Discutez avec nous',
  openChat: 'Ouvrir le chat',
  closeChat: 'Fermer le chat',
  unreadCount: '{count} non lu(s)',
  endConversation: 'Terminer la conversation',
  newConversation: 'Commencer une nouvelle conversation',
  conversationEnded: 'Cette conversation est terminée.',

  // Status bar
  statusIdle: 'Non connecté',
  statusConnecting: 'Connexion…',
  statusOnline: 'Connecté',
  statusReconnecting: 'Connexion perdue. Reconnexion…',
  statusOffline: 'Vous êtes hors ligne. Les messages seront envoyés au retour de la connexion.',
  statusEnded: 'La conversation est terminée.',
  statusFailed: 'Le chat est indisponible.',
  rateLimited: 'Trop de messages à la fois. Vous pourrez en envoyer dans {seconds} s.',

  // Errors
  'error.bad-region': 'Le chat est configuré avec une région inconnue. Merci de prévenir le responsable du site.',
  'error.missing-deployment': 'Il manque l’identifiant de déploiement du chat. Merci de prévenir le responsable du site.',
  'error.deployment-not-found': 'Le déploiement du chat est introuvable. Merci de prévenir le responsable du site.',
  'error.deployment-inactive': 'Le déploiement du chat est désactivé. Veuillez réessayer plus tard.',
  'error.origin-not-allowed': 'Le chat n’est pas autorisé sur cette adresse. Merci de prévenir le responsable du site.',
  'error.offline': 'Vous êtes hors ligne. Vérifiez votre connexion réseau.',
  'error.network': 'Le service de chat est injoignable. Nouvelle tentative…',
  'error.session-expired': 'Votre session de chat a expiré. Commencez une nouvelle conversation pour continuer.',
  'error.session-not-found': 'Votre conversation précédente est introuvable. Une nouvelle va commencer.',
  'error.message-too-long': 'Ce message est trop long.',
  'error.rate-limited': 'Trop de messages à la fois. Patientez un instant.',
  'error.read-only': 'Cette conversation est terminée ; vous ne pouvez plus envoyer de messages.',
  'error.custom-attributes-too-large': 'Les informations envoyées par cette page sont trop volumineuses. Merci de prévenir le responsable du site.',
  'error.attachment-type-not-allowed': 'Ce type de fichier ne peut pas être envoyé.',
  'error.attachment-too-large': 'Ce fichier est trop volumineux.',
  'error.attachment-failed': 'Le fichier n’a pas pu être envoyé. Veuillez réessayer.',
  'error.not-connected': 'Pas encore connecté. Patientez un instant et réessayez.',
  'error.unauthorized': 'Vous n’êtes pas connecté au chat. Rechargez la page et réessayez.',
  'error.server': 'Le service de chat rencontre un problème. Veuillez réessayer plus tard.',
  'error.protocol': 'Le service de chat a envoyé une réponse inattendue. Veuillez réessayer.',
  'error.unknown': 'Une erreur s’est produite. Veuillez réessayer.',

  // Availability
  availabilityOpen: 'Nous sommes en ligne.',
  availabilityClosed: 'Nous sommes fermés pour le moment. Laissez un message, nous répondrons à notre retour.',
  waitTimeMinutes: 'Attente estimée : environ {minutes} min',
  waitTimeUnderMinute: 'Attente estimée : moins d’une minute',

  // Message list
  messagesLabel: 'Conversation',
  you: 'Vous',
  agent: 'Conseiller',
  bot: 'Assistant',
  today: 'Aujourd’hui',
  yesterday: 'Hier',
  sending: 'Envoi…',
  sent: 'Envoyé',
  notSent: 'Non envoyé',
  retry: 'Réessayer',
  retryAfter: 'Réessayez dans {seconds} s.',
  typing: '{name} est en train d’écrire…',
  someoneTyping: 'Quelqu’un est en train d’écrire…',
  showEarlier: 'Afficher les messages précédents ({count})',
  newMessagesOne: '1 nouveau message',
  newMessagesOther: '{count} nouveaux messages',
  announceMessage: '{name} : {text}',
  presenceJoin: '{name} a rejoint la conversation',
  presenceDisconnect: '{name} a quitté la conversation',
  presenceClear: 'La conversation a été effacée',
  presenceSessionExpired: 'La session a expiré',
  quickRepliesLabel: 'Réponses suggérées',
  carouselLabel: 'Carrousel de {count} cartes',
  previousCard: 'Carte précédente',
  nextCard: 'Carte suivante',
  openLink: '{text} (s’ouvre dans un nouvel onglet)',
  unsupportedContent: 'Contenu non pris en charge ({type})',
  attachmentLabel: 'Pièce jointe : {name}',
  imageAlt: 'Image : {name}',
  download: 'Télécharger {name}',
  file: 'fichier',

  // Composer
  inputLabel: 'Message',
  inputPlaceholder: 'Écrivez un message…',
  send: 'Envoyer',
  attach: 'Joindre un fichier',
  removeAttachment: 'Retirer {name}',
  uploading: 'Envoi de {name}',
  charCount: '{count} / {max}',
  charCountLabel: '{count} caractères sur {max}',
  tooLong: 'Votre message compte {count} caractères ; la limite est de {max}. Raccourcissez-le pour l’envoyer.',
  readOnlyPlaceholder: 'Cette conversation est terminée.',

  // Unread messages while the page is in the background
  pageTitleUnread: '({count}) {title}',
  notificationTitle: 'Nouveau message de {name}',

  // Files dropped on the panel or pasted
  dropFiles: 'Déposez des fichiers pour les joindre',

  // Transcript download
  downloadTranscript: 'Télécharger la conversation',
  transcriptHeading: 'Transcription du chat, {date}',

  // Pre-chat form
  prechatTitle: 'Avant de commencer',
  prechatIntro: 'Dites-nous-en un peu plus sur vous.',
  prechatSubmit: 'Démarrer le chat',
  prechatRequired: 'Le champ {label} est obligatoire.',
  prechatInvalidEmail: 'Saisissez une adresse e-mail valide.',
  prechatInvalid: 'Le champ {label} n’est pas valide.',
  prechatTooLong: 'Le champ {label} accepte au plus {max} caractères.',
  prechatFixErrors: 'Veuillez corriger les champs indiqués ci-dessous.',
  prechatChoose: 'Choisissez…',
  prechatOptional: '(facultatif)',
};
