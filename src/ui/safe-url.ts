/**
 * URL checks for anything remote content puts into an `href` or `src`. Only absolute URLs with an allowed scheme
 * pass; relative URLs, `javascript:`, `data:` and the like are refused (the caller then renders plain text).
 */

/** Schemes a link from an agent or bot may use. */
export const LINK_PROTOCOLS: readonly string[] = ['http:', 'https:', 'mailto:'];
/** Schemes an image or a download may use (`blob:` for the guest's own local previews). */
export const MEDIA_PROTOCOLS: readonly string[] = ['http:', 'https:', 'blob:'];

/** The normalized URL when `raw` is absolute and its scheme is in `allowed`; otherwise `null`. */
export function safeUrl(raw: unknown, allowed: readonly string[] = LINK_PROTOCOLS): string | null {
  if (typeof raw !== 'string') return null;
  const value = raw.trim();
  if (!value) return null;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  return allowed.includes(url.protocol) ? url.href : null;
}
