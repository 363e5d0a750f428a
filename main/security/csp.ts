/**
 * The renderer's Content Security Policy: only our own scripts and styles, no inline script, no
 * eval, no plugins, no frames, and network access only to our own origin (the preview's API).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');
