/**
 * Who is typing on the agent's side, for a while: an indicator expires by itself after its duration (Genesys sends
 * no "stopped typing").
 */
import type { ChatSender } from '../model.js';
import { DEFAULT_TYPING_DURATION_MS } from '../protocol/web-messaging-parse.js';

export class TypingIndicator {
  private readonly onChange: (sender: ChatSender | null) => void;
  private current: ChatSender | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;

  /** @param onChange called when someone starts typing (again) or the indicator goes. */
  constructor(onChange: (sender: ChatSender | null) => void) {
    this.onChange = onChange;
  }

  get sender(): ChatSender | null {
    return this.current;
  }

  /** Shows `sender` typing for `durationMs`, or hides the indicator (null). */
  set(sender: ChatSender | null, durationMs = DEFAULT_TYPING_DURATION_MS): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const wasTyping = this.current !== null;
    this.current = sender;
    if (sender) {
      this.timer = setTimeout(() => {
        this.timer = null;
        this.set(null);
      }, durationMs);
    }
    if (!sender && !wasTyping) return;
    this.onChange(sender);
  }
}
