// Content-Security-Policy for pages, built per request by middleware.ts. This
// module runs on the Edge runtime, so it uses only Web APIs.

/** Returns a fresh base64 nonce of 128 random bits. */
export function createNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

/**
 * Builds the policy for one page response. Next.js reads the nonce from the
 * request's Content-Security-Policy header and puts it on the scripts it
 * renders, and 'strict-dynamic' lets those scripts load the other chunks.
 * `development` adds eval, inline styles and WebSocket connections, which
 * `next dev` uses for debugging, its error overlay and hot reload.
 * NOTE: the tests run a production build only, so the development policy has
 * not been checked in a browser.
 */
export function buildContentSecurityPolicy(nonce: string, development: boolean): string {
  const directives = [
    "default-src 'self'",
    development
      ? `script-src 'self' 'nonce-${nonce}' 'strict-dynamic' 'unsafe-eval'`
      : `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`,
    // Tailwind and next/font are served as stylesheet files from this origin.
    // Development has no nonce here, because browsers ignore 'unsafe-inline'
    // in a directive that has one.
    development ? "style-src 'self' 'unsafe-inline'" : `style-src 'self' 'nonce-${nonce}'`,
    "img-src 'self' data: blob:",
    "font-src 'self'",
    development ? "connect-src 'self' ws:" : "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ];
  return directives.join("; ");
}
