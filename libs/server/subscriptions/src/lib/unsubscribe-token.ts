import crypto from 'node:crypto';

/**
 * The unsubscribe link's token: an HMAC of (subscription, user) under the server's key, so a link works
 * without signing in (one click from the email, RFC 8058) but cannot be forged for someone else, and
 * nothing needs storing.
 */
export function unsubscribeToken(key: string, subscriptionId: string, userId: string): string {
  return crypto
    .createHmac('sha256', key)
    .update(`report-unsubscribe:${subscriptionId}:${userId}`)
    .digest('base64url');
}

export function unsubscribeTokenMatches(
  key: string,
  subscriptionId: string,
  userId: string,
  token: string,
): boolean {
  const expected = Buffer.from(unsubscribeToken(key, subscriptionId, userId));
  const given = Buffer.from(token);
  return expected.length === given.length && crypto.timingSafeEqual(expected, given);
}
