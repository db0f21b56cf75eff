/** Brazilian Portuguese strings (also used for other `pt` tags). */
import type { GenesysChatStrings } from './en.js';

export const ptBR: GenesysChatStrings = {
  title: 'Fale conosco',
  openChat: 'Abrir o chat',
  closeChat: 'Fechar o chat',
  unreadCount: '{count} não lidas',
  endConversation: 'Encerrar conversa',
  newConversation: 'Iniciar uma nova conversa',
  conversationEnded: 'Esta conversa foi encerrada.',

  // Status bar
  statusIdle: 'Desconectado',
  statusConnecting: 'Conectando…',
  statusOnline: 'Conectado',
  statusReconnecting: 'Conexão perdida. Reconectando…',
  statusOffline: 'Você está offline. As mensagens serão enviadas quando a conexão voltar.',
  statusEnded: 'A conversa foi encerrada.',
  statusFailed: 'O chat está indisponível.',
  rateLimited: 'Muitas mensagens de uma vez. Você poderá enviar de novo em {seconds} s.',

  // Errors
  'error.bad-region': 'O chat está configurado com uma região desconhecida. Avise o responsável pelo site.',
  'error.missing-deployment': 'Falta o ID de implantação do chat. Avise o responsável pelo site.',
  'error.deployment-not-found': 'A implantação do chat não foi encontrada. Avise o responsável pelo site.',
  'error.deployment-inactive': 'A implantação do chat está desativada. Tente novamente mais tarde.',
  'error.origin-not-allowed': 'O chat não é permitido neste endereço. Avise o responsável pelo site.',
  'error.offline': 'Você está offline. Verifique sua conexão de rede.',
  'error.network': 'Não foi possível acessar o serviço de chat. Tentando novamente…',
  'error.session-expired': 'Sua sessão de chat expirou. Inicie uma nova conversa para continuar.',
  'error.session-not-found': 'Sua conversa anterior não foi encontrada. Uma nova será iniciada.',
  'error.message-too-long': 'Esta mensagem é longa demais.',
  'error.rate-limited': 'Muitas mensagens de uma vez. Aguarde um momento.',
  'error.read-only': 'Esta conversa foi encerrada; não é mais possível enviar mensagens.',
  'error.custom-attributes-too-large': 'Os dados enviados por esta página são grandes demais. Avise o responsável pelo site.',
  'error.attachment-type-not-allowed': 'Arquivos deste tipo não podem ser enviados.',
  'error.attachment-too-large': 'Este arquivo é grande demais.',
  'error.attachment-failed': 'Não foi possível enviar o arquivo. Tente novamente.',
  'error.not-connected': 'Ainda não conectado. Aguarde um momento e tente novamente.',
  'error.unauthorized': 'Você não está conectado ao chat. Recarregue a página e tente novamente.',
  'error.server': 'O serviço de chat está com um problema. Tente novamente mais tarde.',
  'error.protocol': 'O serviço de chat enviou algo inesperado. Tente novamente.',
  'error.unknown': 'Algo deu errado. Tente novamente.',

  // Availability
  availabilityOpen: 'Estamos online.',
  availabilityClosed: 'Estamos fechados agora. Deixe uma mensagem e responderemos quando voltarmos.',
  waitTimeMinutes: 'Espera estimada: cerca de {minutes} min',
  waitTimeUnderMinute: 'Espera estimada: menos de um minuto',

  // Message list
  messagesLabel: 'Conversa',
  you: 'Você',
  agent: 'Atendente',
  bot: 'Bot',
  today: 'Hoje',
  yesterday: 'Ontem',
  sending: 'Enviando…',
  sent: 'Enviada',
  notSent: 'Não enviada',
  retry: 'Tentar novamente',
  retryAfter: 'Tente novamente em {seconds} s.',
  typing: '{name} está digitando…',
  someoneTyping: 'Alguém está digitando…',
  showEarlier: 'Mostrar mensagens anteriores ({count})',
  newMessagesOne: '1 nova mensagem',
  newMessagesOther: '{count} novas mensagens',
  announceMessage: '{name}: {text}',
  presenceJoin: '{name} entrou na conversa',
  presenceDisconnect: '{name} saiu da conversa',
  presenceClear: 'A conversa foi apagada',
  presenceSessionExpired: 'A sessão expirou',
  quickRepliesLabel: 'Respostas sugeridas',
  carouselLabel: 'Carrossel com {count} cartões',
  previousCard: 'Cartão anterior',
  nextCard: 'Próximo cartão',
  openLink: '{text} (abre em uma nova aba)',
  unsupportedContent: 'Conteúdo não suportado ({type})',
  attachmentLabel: 'Anexo: {name}',
  imageAlt: 'Imagem: {name}',
  download: 'Baixar {name}',
  file: 'arquivo',

  // Composer
  inputLabel: 'Mensagem',
  inputPlaceholder: 'Digite uma mensagem…',
  send: 'Enviar',
  attach: 'Anexar um arquivo',
  removeAttachment: 'Remover {name}',
  uploading: 'Enviando {name}',
  charCount: '{count} / {max}',
  charCountLabel: '{count} de {max} caracteres',
  tooLong: 'Sua mensagem tem {count} caracteres; o limite é {max}. Encurte-a para enviar.',
  readOnlyPlaceholder: 'Esta conversa foi encerrada.',

  // Unread messages while the page is in the background
  pageTitleUnread: '({count}) {title}',
  notificationTitle: 'Nova mensagem de {name}',

  // Files dropped on the panel or pasted
  dropFiles: 'Solte arquivos aqui para anexá-los',

  // Transcript download
  downloadTranscript: 'Baixar a conversa',
  transcriptHeading: 'Transcrição do chat, {date}',

  // Pre-chat form
  prechatTitle: 'Antes de começar',
  prechatIntro: 'Conte-nos um pouco sobre você.',
  prechatSubmit: 'Iniciar chat',
  prechatRequired: '{label} é obrigatório.',
  prechatInvalidEmail: 'Digite um endereço de e-mail válido.',
  prechatInvalid: '{label} não é válido.',
  prechatTooLong: '{label} pode ter no máximo {max} caracteres.',
  prechatFixErrors: 'Corrija os campos marcados abaixo.',
  prechatChoose: 'Escolha…',
  prechatOptional: '(opcional)',
};
