/**
 * The page's Content-Security-Policy: no remote origin at all, no eval; inline styles only because
 * Mantine injects them. The Electron shell sends it as a header, the browser-mode server too, and
 * src/renderer/index.html carries the same string in its meta tag (a unit test keeps them equal).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
