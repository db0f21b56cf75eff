import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { evaluateScheduleGroup, scheduleCovers, wallClock } from '../../server/availability.js';
import { OAuthClient, PlatformClient } from '../../server/oauth.js';
import { parseRetryAfter } from '../../server/retry.js';
import { SessionTokens } from '../../server/session.js';
import { signatureMatches } from '../../server/webhook.js';
import { parseClientFrame } from '../../src/protocol/gateway.js';
import type { Schedule, ScheduleGroup } from '../../src/protocol/open-messaging.js';

describe('gateway protocol: client frame validation', () => {
  it('accepts well-formed frames', () => {
    expect(parseClientFrame('{"type":"auth","token":"t","lastSeq":3}')).toEqual({ ok: true, frame: { type: 'auth', token: 't', lastSeq: 3 } });
    expect(parseClientFrame('{"type":"message","id":"m","text":"hi"}')).toEqual({ ok: true, frame: { type: 'message', id: 'm', text: 'hi' } });
    expect(parseClientFrame('{"type":"quick-reply","id":"q","answer":{"type":"QuickReply","text":"Yes","payload":"yes"},"originatingMessageId":"o"}').ok).toBe(true);
  });
  it('refuses malformed frames with a reason', () => {
    for (const raw of ['nope', '[]', '{"type":"auth"}', '{"type":"message","id":"m"}', '{"type":"message","id":"m","text":"   "}',
      '{"type":"message","id":"m","text":"x","attachments":[{"url":"javascript:alert(1)","mime":"text/plain"}]}',
      '{"type":"auth","token":"t","lastSeq":-1}', '{"type":"teleport"}']) {
      const result = parseClientFrame(raw);
      expect(result.ok, raw).toBe(false);
      if (!result.ok) expect(result.error.length).toBeGreaterThan(0);
    }
    expect(parseClientFrame(JSON.stringify({ type: 'message', id: 'm', text: 'x'.repeat(11) }), 10)).toEqual({ ok: false, error: 'text is longer than 10 characters' });
  });
});

describe('server: session tokens', () => {
  const tokens = new SessionTokens('unit-test-secret-0123456789-abcdefgh');
  it('verifies its own tokens, refuses tampered or expired ones, resumes within the grace', () => {
    const now = Date.now();
    const token = tokens.sign({ sid: 's', gid: 'g', exp: Math.floor(now / 1000) + 60 });
    expect(tokens.verify(token, 0, now)).toEqual({ sid: 's', gid: 'g', exp: Math.floor(now / 1000) + 60 });
    const [payload, mac] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ v: 1, sid: 's', gid: 'other', exp: 9e9 })).toString('base64url');
    expect(tokens.verify(`${forged}.${mac}`)).toBeNull();
    expect(tokens.verify(`${payload}.${mac}x`)).toBeNull();
    expect(tokens.verify(token, 0, now + 61_000)).toBeNull();
    expect(tokens.verify(token, 3600_000, now + 61_000)).not.toBeNull();
    expect(new SessionTokens('another-secret-0123456789-abcdefghij').verify(token)).toBeNull();
  });
});

describe('server: webhook signature', () => {
  it('matches sha256=base64(HMAC) of the exact bytes only', () => {
    const body = '{"id":"1"}';
    const good = 'sha256=' + createHmac('sha256', 'secret-0123456789').update(body).digest('base64');
    expect(signatureMatches('secret-0123456789', body, good)).toBe(true);
    expect(signatureMatches('secret-0123456789', body + ' ', good)).toBe(false);
    expect(signatureMatches('secret-0123456789', body, good.slice(0, -2))).toBe(false);
    expect(signatureMatches('secret-0123456789', body, good.replace('sha256=', ''))).toBe(false);
  });
});

describe('server: business hours', () => {
  const weekdays: Schedule = { id: 'open', name: 'Weekdays 9-17', start: '2024-01-01T09:00:00.000', end: '2024-01-01T17:00:00.000', rrule: 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR' };
  const group = (over: Partial<ScheduleGroup> = {}): ScheduleGroup => ({
    id: 'g', name: 'g', timeZone: 'America/New_York', openSchedules: [{ id: 'open' }], closedSchedules: [], holidaySchedules: [], state: 'active', ...over,
  });
  const schedules = (...list: Schedule[]) => new Map(list.map((s) => [s.id, s]));

  it('evaluates an RRULE in the group\'s time zone', () => {
    // Wednesday 2025-03-05 14:30 UTC = 09:30 in New York (EST): open. 13:30 UTC = 08:30: closed.
    expect(evaluateScheduleGroup(group(), schedules(weekdays), new Date('2025-03-05T14:30:00Z'))).toBe(true);
    expect(evaluateScheduleGroup(group(), schedules(weekdays), new Date('2025-03-05T13:30:00Z'))).toBe(false);
    // Saturday: closed. The same instant in UTC would be open on a weekday, so the zone matters.
    expect(evaluateScheduleGroup(group(), schedules(weekdays), new Date('2025-03-08T15:00:00Z'))).toBe(false);
    expect(evaluateScheduleGroup(group({ timeZone: 'UTC' }), schedules(weekdays), new Date('2025-03-05T16:30:00Z'))).toBe(true);
    expect(evaluateScheduleGroup(group({ timeZone: 'Asia/Tokyo' }), schedules(weekdays), new Date('2025-03-05T16:30:00Z'))).toBe(false);
  });

  it('holiday beats closed beats open', () => {
    const holiday: Schedule = { id: 'h', name: 'Holiday', start: '2025-03-05T00:00:00.000', end: '2025-03-06T00:00:00.000' };
    const closed: Schedule = { id: 'c', name: 'Lunch', start: '2024-01-01T12:00:00.000', end: '2024-01-01T13:00:00.000', rrule: 'FREQ=DAILY' };
    const all = schedules(weekdays, holiday, closed);
    const g = group({ holidaySchedules: [{ id: 'h' }], closedSchedules: [{ id: 'c' }] });
    expect(evaluateScheduleGroup(g, all, new Date('2025-03-05T14:30:00Z'))).toBe(false); // holiday
    expect(evaluateScheduleGroup(g, all, new Date('2025-03-06T17:30:00Z'))).toBe(false); // 12:30 lunch
    expect(evaluateScheduleGroup(g, all, new Date('2025-03-06T19:30:00Z'))).toBe(true); // 14:30
  });

  it('reads wall clock time across DST', () => {
    expect(wallClock(new Date('2025-07-01T13:00:00Z'), 'America/New_York').toISOString()).toBe('2025-07-01T09:00:00.000Z');
    expect(scheduleCovers({ ...weekdays, state: 'inactive' }, new Date('2025-03-05T10:00:00Z'))).toBe(false);
  });
});

describe('server: OAuth client credentials', () => {
  function fakeLogin(answers: (() => Response)[]) {
    let calls = 0;
    const authorizations: string[] = [];
    const fetchImpl: typeof fetch = async (_input, init) => {
      calls++;
      authorizations.push(String((init?.headers as Record<string, string>).authorization));
      await new Promise((r) => setTimeout(r, 5));
      const next = answers.shift();
      return next ? next() : new Response(JSON.stringify({ access_token: `tok-${calls}`, token_type: 'bearer', expires_in: 3600 }), { status: 200 });
    };
    return { fetchImpl, calls: () => calls, authorizations };
  }

  it('shares one in-flight request between concurrent callers and sends HTTP Basic', async () => {
    const login = fakeLogin([]);
    const oauth = new OAuthClient({ loginBase: 'http://login.test', clientId: 'id', clientSecret: 'secret', fetchImpl: login.fetchImpl });
    const tokens = await Promise.all(Array.from({ length: 50 }, () => oauth.getToken()));
    expect(new Set(tokens)).toEqual(new Set(['tok-1']));
    expect(login.calls()).toBe(1);
    expect(login.authorizations[0]).toBe(`Basic ${Buffer.from('id:secret').toString('base64')}`);
  });

  it('waits out Retry-After on 429/503 and gives up at once on 401 (bad credentials)', async () => {
    const limited = fakeLogin([() => new Response('{}', { status: 429, headers: { 'retry-after': '0.05' } })]);
    const oauth = new OAuthClient({ loginBase: 'http://login.test', clientId: 'id', clientSecret: 's', fetchImpl: limited.fetchImpl });
    expect(await oauth.getToken()).toBe('tok-2');
    const refused = fakeLogin([() => new Response('{"error":"invalid_client"}', { status: 401 })]);
    const bad = new OAuthClient({ loginBase: 'http://login.test', clientId: 'id', clientSecret: 's', fetchImpl: refused.fetchImpl });
    await expect(bad.getToken()).rejects.toMatchObject({ status: 401 });
    expect(refused.calls()).toBe(1);
  });

  it('a Platform 401 gets one fresh token and one retry, not more', async () => {
    let tokenCalls = 0;
    let apiCalls = 0;
    const fetchImpl: typeof fetch = async (input) => {
      if (String(input).endsWith('/oauth/token')) {
        tokenCalls++;
        return new Response(JSON.stringify({ access_token: `tok-${tokenCalls}`, expires_in: 3600, token_type: 'bearer' }), { status: 200 });
      }
      apiCalls++;
      return new Response('{"code":"bad.credentials","message":"no","status":401}', { status: 401 });
    };
    const oauth = new OAuthClient({ loginBase: 'http://x', clientId: 'id', clientSecret: 's', fetchImpl });
    const platform = new PlatformClient({ apiBase: 'http://x', oauth, fetchImpl, ratePerSecond: 1000 });
    await expect(platform.platformFetch('/api/v2/thing')).rejects.toMatchObject({ status: 401 });
    expect(tokenCalls).toBe(2);
    expect(apiCalls).toBe(2);
  });

  it('parses Retry-After as seconds or a date', () => {
    expect(parseRetryAfter('3')).toBe(3000);
    expect(parseRetryAfter(new Date(Date.now() + 10_000).toUTCString())).toBeGreaterThan(8000);
    expect(parseRetryAfter('soon')).toBeUndefined();
  });
});
