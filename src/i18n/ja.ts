/** Japanese strings. */
import type { GenesysChatStrings } from './en.js';

export const ja: GenesysChatStrings = {
  title: 'チャットでお問い合わせ',
  openChat: 'チャットを開く',
  closeChat: 'チャットを閉じる',
  unreadCount: '未読 {count} 件',
  endConversation: '会話を終了',
  newConversation: '新しい会話を始める',
  conversationEnded: 'この会話は終了しました。',

  // Status bar
  statusIdle: '未接続',
  statusConnecting: '接続中…',
  statusOnline: '接続済み',
  statusReconnecting: '接続が切れました。再接続しています…',
  statusOffline: 'オフラインです。接続が戻るとメッセージが送信されます。',
  statusEnded: '会話は終了しました。',
  statusFailed: 'チャットは現在ご利用いただけません。',
  rateLimited: '一度に送信できるメッセージが多すぎます。{seconds} 秒後に再度送信できます。',

  // Errors
  'error.bad-region': 'チャットに不明なリージョンが設定されています。サイトの管理者にお知らせください。',
  'error.missing-deployment': 'チャットのデプロイメント ID がありません。サイトの管理者にお知らせください。',
  'error.deployment-not-found': 'チャットのデプロイメントが見つかりません。サイトの管理者にお知らせください。',
  'error.deployment-inactive': 'チャットのデプロイメントは無効になっています。後でもう一度お試しください。',
  'error.origin-not-allowed': 'このウェブサイトのアドレスではチャットを利用できません。サイトの管理者にお知らせください。',
  'error.offline': 'オフラインです。ネットワーク接続を確認してください。',
  'error.network': 'チャットサービスに接続できません。再試行しています…',
  'error.session-expired': 'チャットのセッションが期限切れになりました。続けるには新しい会話を始めてください。',
  'error.session-not-found': '以前の会話が見つかりませんでした。新しい会話を始めます。',
  'error.message-too-long': 'メッセージが長すぎます。',
  'error.rate-limited': '一度に送信できるメッセージが多すぎます。しばらくお待ちください。',
  'error.read-only': 'この会話は終了したため、メッセージを送信できません。',
  'error.custom-attributes-too-large': 'このページが送信する情報が大きすぎます。サイトの管理者にお知らせください。',
  'error.attachment-type-not-allowed': 'この種類のファイルは送信できません。',
  'error.attachment-too-large': 'ファイルが大きすぎます。',
  'error.attachment-failed': 'ファイルをアップロードできませんでした。もう一度お試しください。',
  'error.not-connected': 'まだ接続されていません。しばらくしてからもう一度お試しください。',
  'error.unauthorized': 'チャットにサインインしていません。ページを再読み込みして、もう一度お試しください。',
  'error.server': 'チャットサービスに問題が発生しています。後でもう一度お試しください。',
  'error.protocol': 'チャットサービスから予期しない応答がありました。もう一度お試しください。',
  'error.unknown': '問題が発生しました。もう一度お試しください。',

  // Availability
  availabilityOpen: '対応中です。',
  availabilityClosed: '現在は営業時間外です。メッセージを残していただければ、営業再開後に返信します。',
  waitTimeMinutes: '推定待ち時間: 約 {minutes} 分',
  waitTimeUnderMinute: '推定待ち時間: 1 分未満',

  // Message list
  messagesLabel: '会話',
  you: 'あなた',
  agent: '担当者',
  bot: 'ボット',
  today: '今日',
  yesterday: '昨日',
  sending: '送信中…',
  sent: '送信済み',
  notSent: '未送信',
  retry: '再試行',
  retryAfter: '{seconds} 秒後にもう一度お試しください。',
  typing: '{name} が入力中…',
  someoneTyping: '誰かが入力中…',
  showEarlier: '以前のメッセージを表示 ({count})',
  newMessagesOne: '新しいメッセージ 1 件',
  newMessagesOther: '新しいメッセージ {count} 件',
  announceMessage: '{name}: {text}',
  presenceJoin: '{name} が会話に参加しました',
  presenceDisconnect: '{name} が会話から退出しました',
  presenceClear: '会話が消去されました',
  presenceSessionExpired: 'セッションの有効期限が切れました',
  quickRepliesLabel: '返信の候補',
  carouselLabel: '{count} 枚のカードのカルーセル',
  previousCard: '前のカード',
  nextCard: '次のカード',
  openLink: '{text} (新しいタブで開きます)',
  unsupportedContent: 'サポートされていないコンテンツ ({type})',
  attachmentLabel: '添付ファイル: {name}',
  imageAlt: '画像: {name}',
  download: '{name} をダウンロード',
  file: 'ファイル',

  // Composer
  inputLabel: 'メッセージ',
  inputPlaceholder: 'メッセージを入力…',
  send: '送信',
  attach: 'ファイルを添付',
  removeAttachment: '{name} を削除',
  uploading: '{name} をアップロード中',
  charCount: '{count} / {max}',
  charCountLabel: '{max} 文字中 {count} 文字',
  tooLong: 'メッセージは {count} 文字です。上限は {max} 文字です。送信するには短くしてください。',
  readOnlyPlaceholder: 'この会話は終了しました。',

  // Unread messages while the page is in the background
  pageTitleUnread: '({count}) {title}',
  notificationTitle: '{name} から新しいメッセージ',

  // Files dropped on the panel or pasted
  dropFiles: 'ここにファイルをドロップして添付',

  // Transcript download
  downloadTranscript: '会話をダウンロード',
  transcriptHeading: 'チャットの記録 ({date})',

  // Pre-chat form
  prechatTitle: 'チャットを始める前に',
  prechatIntro: 'お客様について少し教えてください。',
  prechatSubmit: 'チャットを開始',
  prechatRequired: '{label}は必須です。',
  prechatInvalidEmail: '有効なメールアドレスを入力してください。',
  prechatInvalid: '{label}が正しくありません。',
  prechatTooLong: '{label}は {max} 文字以内で入力してください。',
  prechatFixErrors: '下の印の付いた項目を修正してください。',
  prechatChoose: '選択してください…',
  prechatOptional: '(任意)',
};
