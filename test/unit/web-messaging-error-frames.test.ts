import { describe, expect, it } from 'vitest';
import type { ServerFrame } from '../../src/protocol/web-messaging.js';
import { bodyText, sendFailureOf, sessionRefusal, uploadError } from '../../src/transports/web-messaging/error-frames.js';

const stringFrame = (code: number, body: string): ServerFrame => ({ type: 'response', class: 'string', code, body });

describe('Web Messaging error frames', () => {
  it('reads the text from a string body, an errorMessage, else the class', () => {
    expect(bodyText(stringFrame(400, 'bad'))).toBe('bad');
    expect(bodyText({ type: 'message', class: 'TooManyRequestsErrorMessage', code: 429, body: { errorCode: 4029, errorMessage: 'slow down', retryAfter: 3 } })).toBe('slow down');
  });

  it('maps refused messages to send failures', () => {
    expect(sendFailureOf(stringFrame(4011, 'too long')).code).toBe('message-too-long');
    expect(sendFailureOf(stringFrame(4013, 'attrs')).code).toBe('custom-attributes-too-large');
    expect(sendFailureOf(stringFrame(409, 'ended')).code).toBe('read-only');
    expect(sendFailureOf(stringFrame(4029, 'slow'))).toEqual({ code: 'rate-limited', message: 'slow', retryAfterSeconds: 1 });
    expect(sendFailureOf(stringFrame(500, 'oops')).code).toBe('server');
  });

  it('maps a refused configureSession to a ChatError, fatal for configuration problems', () => {
    expect(sessionRefusal(stringFrame(4007, 'gone')).code).toBe('session-not-found');
    expect(sessionRefusal(stringFrame(4006, 'expired')).code).toBe('session-expired');
    expect(sessionRefusal(stringFrame(403, 'Origin not allowed'))).toMatchObject({ code: 'origin-not-allowed', fatal: true });
    expect(sessionRefusal(stringFrame(400, 'Deployment is inactive'))).toMatchObject({ code: 'deployment-inactive', fatal: true });
    expect(sessionRefusal(stringFrame(404, 'nope'))).toMatchObject({ code: 'deployment-not-found', fatal: true });
    expect(sessionRefusal({ type: 'message', class: 'TooManyRequestsErrorMessage', code: 429, body: { errorCode: 4029, errorMessage: 'slow', retryAfter: 7 } }))
      .toMatchObject({ code: 'rate-limited', retryAfterSeconds: 7, fatal: false });
    expect(sessionRefusal(stringFrame(500, 'boom'))).toMatchObject({ code: 'server', fatal: false });
  });

  it('maps upload refusals by their error code', () => {
    const failure = (errorCode: number): ServerFrame => ({
      type: 'message', class: 'UploadFailureEvent', code: 200, body: { attachmentId: 'a', errorCode, errorMessage: 'no', timestamp: '' },
    });
    expect(uploadError(failure(4001)).code).toBe('attachment-type-not-allowed');
    expect(uploadError(failure(4002)).code).toBe('attachment-too-large');
    expect(uploadError(failure(4010)).code).toBe('attachment-failed');
    expect(uploadError(stringFrame(4002, 'too big')).code).toBe('attachment-too-large');
  });
});
