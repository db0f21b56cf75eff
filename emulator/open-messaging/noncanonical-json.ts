/**
 * Valid JSON that is not what `JSON.stringify` would produce for the same value: keys in reverse order, two-space
 * indentation with a space after each colon, every non-ASCII character and `/ < > &` written as `\uXXXX` escapes.
 * A webhook receiver that verifies the signature over a re-serialized body (as Genesys' samples do) fails on these
 * bytes; one that verifies the raw bytes passes. Used by the `webhook.json: "noncanonical"` fault.
 */
export function nonCanonicalJson(value: unknown): string {
  return write(value, '');
}

function escapeString(text: string): string {
  let out = '"';
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (char === '"') out += '\\"';
    else if (char === '\\') out += '\\\\';
    else if (code < 0x20 || code > 0x7e || '/<>&'.includes(char)) {
      // Astral characters become a surrogate pair of escapes, as JSON requires.
      for (let i = 0; i < char.length; i += 1) out += `\\u${char.charCodeAt(i).toString(16).padStart(4, '0')}`;
    } else out += char;
  }
  return `${out}"`;
}

function write(value: unknown, indent: string): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return escapeString(value);
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[ ]';
    return `[\n${value.map((item) => `${inner}${write(item, inner)}`).join(',\n')}\n${indent}]`;
  }
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).reverse();
    if (entries.length === 0) return '{ }';
    return `{\n${entries.map(([k, v]) => `${inner}${escapeString(k)} : ${write(v, inner)}`).join(',\n')}\n${indent}}`;
  }
  return 'null';
}
