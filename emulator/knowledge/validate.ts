import { isRecord } from '@genesys-chat/protocol/web-messaging.js';

/** A request the Knowledge guest API refuses: answered with the Platform error body (400 unless said). */
export class KnowledgeRequestError extends Error {
  constructor(message: string, readonly status: 400 | 403 | 404 = 400, readonly code = status === 404 ? 'not.found' : status === 403 ? 'forbidden' : 'bad.request') {
    super(message);
  }
}

function fail(message: string): never {
  throw new KnowledgeRequestError(message);
}

/** The JSON body as an object, or a 400 naming what was expected. */
export function bodyObject(body: unknown, model: string): Record<string, unknown> {
  if (!isRecord(body)) fail(`the body must be a JSON object (${model})`);
  return body;
}

export function requiredString(record: Record<string, unknown>, field: string, max = 1000): string {
  const value = record[field];
  if (typeof value !== 'string' || value.trim().length === 0) fail(`${field} is required and must be a non-empty string`);
  if (value.length > max) fail(`${field} must be at most ${max} characters`);
  return value;
}

export function optionalString(record: Record<string, unknown>, field: string, max = 1000): string | undefined {
  const value = record[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') fail(`${field} must be a string`);
  if (value.length > max) fail(`${field} must be at most ${max} characters`);
  return value;
}

export function optionalBoolean(record: Record<string, unknown>, field: string): boolean | undefined {
  const value = record[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') fail(`${field} must be a boolean`);
  return value;
}

export function requiredBoolean(record: Record<string, unknown>, field: string): boolean {
  const value = optionalBoolean(record, field);
  if (value === undefined) fail(`${field} is required and must be a boolean`);
  return value;
}

export function optionalEnum<T extends string>(record: Record<string, unknown>, field: string, allowed: readonly T[]): T | undefined {
  const value = record[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) fail(`${field} must be one of ${allowed.join(', ')}`);
  return value as T;
}

export function requiredEnum<T extends string>(record: Record<string, unknown>, field: string, allowed: readonly T[]): T {
  const value = optionalEnum(record, field, allowed);
  if (value === undefined) fail(`${field} is required (one of ${allowed.join(', ')})`);
  return value;
}

/** An integer in [min, max] (JSON number, or a query string of digits), or the fallback when absent. */
export function integerIn(value: unknown, field: string, min: number, max: number, fallback: number): number {
  if (value === undefined || value === null || value === '') return fallback;
  const n = typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < min || n > max) fail(`${field} must be an integer from ${min} to ${max}`);
  return n;
}

/** `{id: string}` (EntityReference), required or optional. */
export function entityRef(record: Record<string, unknown>, field: string, required: boolean): { id: string } | undefined {
  const value = record[field];
  if (value === undefined || value === null) {
    if (required) fail(`${field} is required ({"id": "..."})`);
    return undefined;
  }
  if (!isRecord(value) || typeof value.id !== 'string' || value.id.length === 0) fail(`${field}.id must be a non-empty string`);
  return { id: value.id };
}

/** A query parameter given once or several times, and comma separated values, as a list. */
export function listParam(value: unknown): string[] {
  const raw = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return raw.flatMap((v) => (typeof v === 'string' ? v.split(',') : [])).map((v) => v.trim()).filter((v) => v.length > 0);
}
