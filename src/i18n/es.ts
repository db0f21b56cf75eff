/** Spanish strings. */
import type { GenesysChatStrings } from './en.js';

export const es: GenesysChatStrings = {
  title: 'Chatea con nosotros',
  openChat: 'Abrir el chat',
  closeChat: 'Cerrar el chat',
  unreadCount: '{count} sin leer',
  endConversation: 'Finalizar conversación',
  newConversation: 'Iniciar una nueva conversación',
  conversationEnded: 'Esta conversación ha finalizado.',

  // Status bar
  statusIdle: 'Sin conexión',
  statusConnecting: 'Conectando…',
  statusOnline: 'Conectado',
  statusReconnecting: 'Se perdió la conexión. Reconectando…',
  statusOffline: 'No tienes conexión. Los mensajes se enviarán cuando vuelva.',
  statusEnded: 'La conversación ha finalizado.',
  statusFailed: 'El chat no está disponible.',
  rateLimited: 'Demasiados mensajes a la vez. Podrás enviar de nuevo en {seconds} s.',

  // Errors
  'error.bad-region': 'El chat está configurado con una región desconocida. Avisa al responsable del sitio.',
  'error.missing-deployment': 'Falta el ID de implementación del chat. Avisa al responsable del sitio.',
  'error.deployment-not-found': 'No se encontró la implementación del chat. Avisa al responsable del sitio.',
  'error.deployment-inactive': 'La implementación del chat está desactivada. Inténtalo más tarde.',
  'error.origin-not-allowed': 'El chat no está permitido en esta dirección web. Avisa al responsable del sitio.',
  'error.offline': 'No tienes conexión. Comprueba tu red.',
  'error.network': 'No se puede acceder al servicio de chat. Reintentando…',
  'error.session-expired': 'Tu sesión de chat ha caducado. Inicia una nueva conversación para continuar.',
  'error.session-not-found': 'No se encontró tu conversación anterior. Se iniciará una nueva.',
  'error.message-too-long': 'Este mensaje es demasiado largo.',
  'error.rate-limited': 'Demasiados mensajes a la vez. Espera un momento.',
  'error.read-only': 'Esta conversación ha finalizado; ya no se pueden enviar mensajes.',
  'error.custom-attributes-too-large': 'Los datos que envía esta página son demasiado grandes. Avisa al responsable del sitio.',
  'error.attachment-type-not-allowed': 'No se pueden enviar archivos de este tipo.',
  'error.attachment-too-large': 'Este archivo es demasiado grande.',
  'error.attachment-failed': 'No se pudo subir el archivo. Inténtalo de nuevo.',
  'error.not-connected': 'Aún no hay conexión. Espera un momento e inténtalo de nuevo.',
  'error.unauthorized': 'No has iniciado sesión en el chat. Recarga la página e inténtalo de nuevo.',
  'error.server': 'El servicio de chat tiene un problema. Inténtalo más tarde.',
  'error.protocol': 'El servicio de chat envió algo inesperado. Inténtalo de nuevo.',
  'error.unknown': 'Algo salió mal. Inténtalo de nuevo.',

  // Availability
  availabilityOpen: 'Estamos en línea.',
  availabilityClosed: 'Ahora estamos cerrados. Deja un mensaje y te responderemos a nuestra vuelta.',
  waitTimeMinutes: 'Espera estimada: unos {minutes} min',
  waitTimeUnderMinute: 'Espera estimada: menos de un minuto',

  // Message list
  messagesLabel: 'Conversación',
  you: 'Tú',
  agent: 'Agente',
  bot: 'Bot',
  today: 'Hoy',
  yesterday: 'Ayer',
  sending: 'Enviando…',
  sent: 'Enviado',
  notSent: 'No enviado',
  retry: 'Reintentar',
  retryAfter: 'Vuelve a intentarlo en {seconds} s.',
  typing: '{name} está escribiendo…',
  someoneTyping: 'Alguien está escribiendo…',
  showEarlier: 'Mostrar mensajes anteriores ({count})',
  newMessagesOne: '1 mensaje nuevo',
  newMessagesOther: '{count} mensajes nuevos',
  announceMessage: '{name}: {text}',
  presenceJoin: '{name} se unió a la conversación',
  presenceDisconnect: '{name} salió de la conversación',
  presenceClear: 'Se borró la conversación',
  presenceSessionExpired: 'La sesión caducó',
  quickRepliesLabel: 'Respuestas sugeridas',
  carouselLabel: 'Carrusel con {count} tarjetas',
  previousCard: 'Tarjeta anterior',
  nextCard: 'Tarjeta siguiente',
  openLink: '{text} (se abre en una pestaña nueva)',
  unsupportedContent: 'Contenido no compatible ({type})',
  attachmentLabel: 'Archivo adjunto: {name}',
  imageAlt: 'Imagen: {name}',
  download: 'Descargar {name}',
  file: 'archivo',

  // Composer
  inputLabel: 'Mensaje',
  inputPlaceholder: 'Escribe un mensaje…',
  send: 'Enviar',
  attach: 'Adjuntar un archivo',
  removeAttachment: 'Quitar {name}',
  uploading: 'Subiendo {name}',
  charCount: '{count} / {max}',
  charCountLabel: '{count} de {max} caracteres',
  tooLong: 'Tu mensaje tiene {count} caracteres; el límite es {max}. Acórtalo para enviarlo.',
  readOnlyPlaceholder: 'Esta conversación ha finalizado.',

  // Unread messages while the page is in the background
  pageTitleUnread: '({count}) {title}',
  notificationTitle: 'Nuevo mensaje de {name}',

  // Files dropped on the panel or pasted
  dropFiles: 'Suelta archivos para adjuntarlos',

  // Transcript download
  downloadTranscript: 'Descargar la conversación',
  transcriptHeading: 'Transcripción del chat, {date}',

  // Pre-chat form
  prechatTitle: 'Antes de empezar',
  prechatIntro: 'Cuéntanos un poco sobre ti.',
  prechatSubmit: 'Iniciar chat',
  prechatRequired: '{label} es obligatorio.',
  prechatInvalidEmail: 'Introduce una dirección de correo válida.',
  prechatInvalid: '{label} no es válido.',
  prechatTooLong: '{label} admite como máximo {max} caracteres.',
  prechatFixErrors: 'Corrige los campos marcados abajo.',
  prechatChoose: 'Elige…',
  prechatOptional: '(opcional)',
};
