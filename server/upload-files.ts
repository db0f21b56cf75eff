/**
 * The rules for a guest's uploaded file (server/upload-routes.ts): which types may be taken, whether the bytes are
 * what they claim, what the file is called and how it is served. Pure functions, shared by the config check.
 */
import { randomBytes } from 'node:crypto';
import { GATEWAY_UPLOAD_PATH, UPLOAD_ID_PATTERN } from '@genesys-chat/protocol/gateway.js';

/** Images, PDF and plain text: what agents are shown most and what no browser runs. */
export const DEFAULT_UPLOAD_TYPES: readonly string[] = [
  'image/jpeg', 'image/png', 'image/gif', 'image/webp', 'application/pdf', 'text/plain',
];
/** Web Messaging's default (spec): 10 MiB. */
export const DEFAULT_UPLOAD_MAX_KB = 10_240;
export const MAX_UPLOAD_MAX_KB = 20_480;
/** A day; at least an hour (spec §4.4: Genesys fetches the URL itself, some time after the message). */
export const DEFAULT_UPLOAD_TTL_SECONDS = 86_400;
export const MIN_UPLOAD_TTL_SECONDS = 3600;
export const DEFAULT_UPLOAD_MEMORY_BUDGET_BYTES = 256 * 1024 * 1024;
export const MAX_FILENAME_LENGTH = 255;

/** Types a browser would run as a page or script if it ever rendered one of our URLs: never taken. */
const SCRIPTABLE_TYPES = new Set([
  'text/html', 'image/svg+xml', 'application/xhtml+xml', 'text/xml', 'application/xml', 'text/javascript',
  'application/javascript', 'application/ecmascript', 'text/ecmascript', 'application/x-shockwave-flash',
]);
const MIME_PATTERN = /^[a-z0-9][a-z0-9!#$&^_.+-]{0,126}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}$/;

/** Why `type` (lowercase) cannot be an upload type, or null when it can. */
export function uploadTypeProblem(type: string): string | null {
  if (type.includes('*')) return `"${type}" is a wildcard; list each MIME type`;
  if (!MIME_PATTERN.test(type)) return `"${type}" is not a MIME type like image/png`;
  if (SCRIPTABLE_TYPES.has(type) || type.endsWith('+xml')) return `"${type}" can carry script; it is never served to browsers`;
  return null;
}

/** A Content-Type header's media type, parameters dropped, lowercased ('' when absent). */
export function mediaTypeOfHeader(header: string | undefined): string {
  return (header ?? '').split(';')[0]!.trim().toLowerCase();
}

/** The raster image types whose first bytes are checked, and which are served inline. */
const SIGNATURES: Record<string, { name: string; matches(bytes: Buffer): boolean }> = {
  'image/png': { name: 'PNG', matches: (b) => startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) },
  'image/jpeg': { name: 'JPEG', matches: (b) => startsWith(b, [0xff, 0xd8, 0xff]) },
  'image/gif': { name: 'GIF', matches: (b) => b.subarray(0, 6).toString('latin1') === 'GIF87a' || b.subarray(0, 6).toString('latin1') === 'GIF89a' },
  'image/webp': { name: 'WebP', matches: (b) => b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP' },
};

function startsWith(bytes: Buffer, prefix: readonly number[]): boolean {
  return bytes.length >= prefix.length && prefix.every((byte, i) => bytes[i] === byte);
}

/** Whether files of `mime` are shown in place (images) rather than downloaded. */
export function isInlineType(mime: string): boolean {
  return mime in SIGNATURES;
}

/** A reason when the bytes are not the image their type says ("not a PNG image"), else null. */
export function contentMismatch(mime: string, bytes: Buffer): string | null {
  const signature = SIGNATURES[mime];
  return signature && !signature.matches(bytes) ? `not a ${signature.name} image` : null;
}

/** File name endings each known type may have; the first is added when the name has none of them. */
const EXTENSIONS: Record<string, readonly string[]> = {
  'image/jpeg': ['.jpg', '.jpeg', '.jfif'],
  'image/png': ['.png'],
  'image/gif': ['.gif'],
  'image/webp': ['.webp'],
  'application/pdf': ['.pdf'],
  'text/plain': ['.txt', '.text', '.log'],
  'text/csv': ['.csv'],
};

// eslint-disable-next-line no-control-regex
const UNSAFE_NAME_CHARACTERS = /[\u0000-\u001f\u007f-\u009f"'`\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * A safe name for the stored file: the last path part, without control, bidi-override or quote characters, at most
 * 255 characters, `file` when nothing is left. A known type's name ends with one of its extensions (a text file
 * named `run.bat` is kept as `run.bat.txt`, so saving it never makes it something that runs).
 */
export function cleanFilename(raw: string | undefined, mime: string): string {
  // Leading dots too: a download must not become a hidden file.
  let name = (raw ?? '').split(/[/\\]/).pop()!.replace(UNSAFE_NAME_CHARACTERS, '').replace(/\s+/g, ' ').trim().replace(/^\.+/, '');
  if (name === '') name = 'file';
  const known = EXTENSIONS[mime];
  const lower = name.toLowerCase();
  let extension = '';
  if (known) {
    if (!known.some((ext) => lower.endsWith(ext) && lower.length > ext.length)) extension = known[0]!;
  } else if (!/\.[a-z0-9]{1,10}$/i.test(name)) {
    const subtype = mime.split('/')[1] ?? '';
    extension = /^[a-z0-9]{1,8}$/.test(subtype) ? `.${subtype}` : '';
  }
  if (name.length + extension.length > MAX_FILENAME_LENGTH) {
    // Keep the ending (the part that says what the file is) and cut the middle of a long name.
    const keep = extension ? '' : (/\.[a-z0-9]{1,10}$/i.exec(name)?.[0] ?? '');
    name = name.slice(0, MAX_FILENAME_LENGTH - extension.length - keep.length) + keep;
  }
  return name + extension;
}

/** RFC 6266 with an RFC 5987 UTF-8 name and an ASCII fallback for old clients; inline only for images. */
export function contentDisposition(mime: string, filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(filename).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${isInlineType(mime) ? 'inline' : 'attachment'}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/** An unguessable upload id (192 bits): the file's URL is its only key. */
export function newUploadId(): string {
  return randomBytes(24).toString('base64url');
}

export function isUploadId(value: string): boolean {
  return UPLOAD_ID_PATTERN.test(value);
}

/** What may be logged of an upload id (the whole id is a capability URL). */
export function idPrefix(id: string): string {
  return id.slice(0, 6);
}

/** A request URL as logs may show it: an upload path with its id cut to the prefix, and no query (the file name). */
export function logSafeUrl(url: string): string {
  if (!url.startsWith(GATEWAY_UPLOAD_PATH)) return url;
  const queryAt = url.search(/[?#]/);
  const path = queryAt === -1 ? url : url.slice(0, queryAt);
  const rest = path.slice(GATEWAY_UPLOAD_PATH.length);
  return `${GATEWAY_UPLOAD_PATH}${rest.length > 7 ? `${rest.slice(0, 7)}…` : rest}${queryAt === -1 ? '' : '?…'}`;
}
