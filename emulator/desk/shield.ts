import { svg, type TemplateResult } from 'lit';

/** The "verified customer" mark: an inline SVG shield (emoji fonts are not everywhere), hidden from screen readers. */
export const shieldIcon: TemplateResult = svg`<svg class="shield" viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false"><path fill="currentColor" d="M8 .8 14 3v4.3c0 3.9-2.6 6.7-6 7.9-3.4-1.2-6-4-6-7.9V3zm-1 9.6 4.6-4.6-1-1L7 8.4 5.4 6.8l-1 1z"/></svg>`;
