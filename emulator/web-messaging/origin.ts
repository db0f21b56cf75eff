import type { WorldDeployment } from '../world-file.js';

/** Host name of an Origin header value, or null when it is missing or not a URL. */
export function originHost(origin: string | undefined): string | null {
  if (!origin || origin === 'null') return null;
  try {
    return new URL(origin).hostname.toLowerCase();
  } catch {
    return null;
  }
}

function domainOf(entry: string): string {
  const trimmed = entry.trim().toLowerCase();
  if (trimmed.includes('://')) {
    try {
      return new URL(trimmed).hostname;
    } catch {
      return trimmed;
    }
  }
  return trimmed.replace(/:\d+$/, '').replace(/\/.*$/, '');
}

/**
 * Whether an Origin may use a deployment: its host equals an allowed domain (or matches a `*.example.com` entry).
 * An empty list means "allow all domains". A missing Origin is refused, as Genesys does.
 */
export function originAllowed(deployment: WorldDeployment, origin: string | undefined): boolean {
  if (deployment.allowedDomains.length === 0) return true;
  const host = originHost(origin);
  if (!host) return false;
  return deployment.allowedDomains.some((entry) => {
    const domain = domainOf(entry);
    if (domain.startsWith('*.')) return host.endsWith(domain.slice(1)) || host === domain.slice(2);
    return host === domain;
  });
}
