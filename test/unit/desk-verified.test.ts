/** The desk's shield: guest messages sent after the sign-in are verified, earlier ones are not, even in one millisecond. */
import { describe, expect, it } from 'vitest';
import { isVerifiedGuestMessage, type DeskConversation } from '../../emulator/desk/types.js';
import type { StructuredMessageBody } from '@genesys-chat/protocol/web-messaging.js';

const AT = '2026-12-01T10:00:00.000Z';
const guest = (id: string): StructuredMessageBody => ({ id, type: 'Text', text: id, direction: 'Inbound', channel: { time: AT } } as StructuredMessageBody);

function conversation(afterMessageId: string | undefined): DeskConversation {
  const messages = [guest('before'), guest('after')];
  return { messages, authenticated: { sub: 'user-ada', since: AT, ...(afterMessageId === undefined ? {} : { afterMessageId }) } } as unknown as DeskConversation;
}

describe('desk: verified guest messages', () => {
  it('a message in the same millisecond as the sign-in but before it is not verified', () => {
    const c = conversation('before');
    expect(isVerifiedGuestMessage(c, c.messages[0]!)).toBe(false);
    expect(isVerifiedGuestMessage(c, c.messages[1]!)).toBe(true);
  });

  it('without an anchor (older state), time decides', () => {
    const c = conversation(undefined);
    expect(isVerifiedGuestMessage(c, c.messages[0]!)).toBe(true); // same time as the sign-in: counted as after
  });
});
