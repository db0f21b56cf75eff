import { isRecord } from '@genesys-chat/protocol/web-messaging.js';

/**
 * Guest content is hostile until checked: any field may be null, a number, an object or an array where the desk
 * expects text. These turn remote values into display text without calling a method on them.
 */

/** Strings as they are, finite numbers and booleans written out, anything else empty. */
export function textOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if ((typeof value === 'number' && Number.isFinite(value)) || typeof value === 'boolean') return String(value);
  return '';
}

export { isRecord };

/** The records of a list; anything else (a string, null, a number) is an empty list. */
export function records(value: unknown): Record<string, unknown>[] {
  return Array.isArray(value) ? value.filter(isRecord) : [];
}
