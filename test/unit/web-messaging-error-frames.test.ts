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

  it('says the frame\'s class when its body has no words, and the words of any errorMessage', () => {
    expect(bodyText({ type: 'response', class: 'Error', code: 500, body: {} } as unknown as ServerFrame)).toBe('Error');
    expect(bodyText({ type: 'response', class: 'Error', code: 500, body: null } as unknown as ServerFrame)).toBe('Error');
    expect(bodyText({ type: 'response', class: 'Error', code: 500, body: 42 } as unknown as ServerFrame)).toBe('Error');
    expect(bodyText({ type: 'response', class: 'Error', code: 500, body: { errorMessage: 7 } } as unknown as ServerFrame)).toBe('7');
  });

  it('a 429 refusal is rate-limited too, and each refusal carries the frame and says what happened', () => {
    expect(sendFailureOf(stringFrame(429, 'slow'))).toEqual({ code: 'rate-limited', message: 'slow', retryAfterSeconds: 1 });
    const gone = stringFrame(4007, 'gone');
    expect(sessionRefusal(gone)).toMatchObject({ message: 'gone', detail: gone });
    const expired: ServerFrame = { type: 'message', class: 'SessionExpiredEvent', code: 200, body: {} };
    expect(sessionRefusal(expired)).toMatchObject({ code: 'session-expired', message: 'SessionExpiredEvent', detail: expired });
    const origin = stringFrame(400, 'origin not allowed');
    expect(sessionRefusal(origin)).toMatchObject({ code: 'origin-not-allowed', message: 'This website is not an allowed domain of the deployment (origin not allowed).', detail: origin });
    expect(sessionRefusal(stringFrame(403, 'forbidden'))).toMatchObject({ code: 'origin-not-allowed' });
    expect(sessionRefusal(stringFrame(400, 'Deployment is inactive')).message).toBe('The chat deployment is not active.');
    expect(sessionRefusal(stringFrame(400, 'unknown deployment')))
      .toMatchObject({ code: 'deployment-not-found', message: 'The chat deployment was not found; check deployment-id and region.' });
    const boom = stringFrame(500, 'boom');
    expect(sessionRefusal(boom)).toMatchObject({ message: 'The session could not be configured: boom', detail: boom });
  });

  it('reads an upload refusal\'s code from its body (GenerateUrlError, UploadFailureEvent), else from the frame', () => {
    const generate: ServerFrame = { type: 'response', class: 'GenerateUrlError', code: 200, body: { errorCode: 4001, errorMessage: 'type' } } as unknown as ServerFrame;
    expect(uploadError(generate)).toMatchObject({ code: 'attachment-type-not-allowed', message: 'type', detail: generate });
    const big = stringFrame(4002, 'too big');
    expect(uploadError(big)).toMatchObject({ code: 'attachment-too-large', detail: big });
    const other = stringFrame(4010, 'not uploaded');
    expect(uploadError(other)).toMatchObject({ code: 'attachment-failed', detail: other });
    expect(uploadError({ type: 'response', class: 'GenerateUrlError', code: 4001, body: { errorCode: 0, errorMessage: 'x' } } as unknown as ServerFrame).code)
      .toBe('attachment-failed'); // the body's code, not the frame's
  });
});
