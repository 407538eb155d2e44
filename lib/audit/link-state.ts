/**
 * Returns the before and after of an event that issued a set-password link:
 * how many older links were still unused (they are voided) and when the new
 * link expires. Neither side contains the token or its hash.
 */
export function linkStateChange(voided: number, expiresAt: Date) {
  return {
    before: { unusedLinks: voided },
    after: { unusedLinks: 1, linkExpiresAt: expiresAt.toISOString() },
  };
}
