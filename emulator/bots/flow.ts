import type { MessageContent, StructuredMessageBody } from '@genesys-chat/protocol/web-messaging.js';
import type { BotFlow, BotStep } from '../world-file.js';

/** What the guest answered: a quick reply's payload (ButtonResponse) or typed text. */
export function guestAnswer(message: StructuredMessageBody): { payload?: string; text: string } {
  for (const item of message.content ?? []) {
    if (item.contentType === 'ButtonResponse' && 'buttonResponse' in item) {
      const br = item.buttonResponse as { payload?: unknown; text?: unknown };
      const answer: { payload?: string; text: string } = { text: typeof br.text === 'string' ? br.text : '' };
      if (typeof br.payload === 'string') answer.payload = br.payload;
      return answer;
    }
  }
  return { text: message.text ?? '' };
}

/** The step an answer leads to from `step`: the matching quick reply's `next`, else the fallback, else the same step. */
export function nextStep(step: BotStep, answer: { payload?: string; text: string }): string {
  const typed = answer.text.trim().toLowerCase();
  const match = (step.quickReplies ?? []).find((r) =>
    (answer.payload !== undefined && r.payload === answer.payload)
    || (typed !== '' && (r.text.toLowerCase() === typed || r.payload.toLowerCase() === typed)));
  return match?.next ?? step.fallback ?? step.id;
}

/** The message a step sends: its text, with its quick replies as QuickReply content. */
export function stepMessage(step: BotStep): { text?: string; content?: MessageContent[] } | null {
  const content: MessageContent[] = (step.quickReplies ?? []).map((r) => ({
    contentType: 'QuickReply', quickReply: { text: r.text, payload: r.payload, action: 'Message' },
  }));
  if (step.text === undefined && content.length === 0) return null;
  const message: { text?: string; content?: MessageContent[] } = {};
  if (step.text !== undefined) message.text = step.text;
  if (content.length > 0) message.content = content;
  return message;
}

export function findStep(flow: BotFlow, id: string): BotStep | undefined {
  return flow.steps.find((s) => s.id === id);
}
