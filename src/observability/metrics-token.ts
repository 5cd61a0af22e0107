import { createHash, timingSafeEqual } from 'node:crypto';

const digest = (text: string) => createHash('sha256').update(text).digest();

/**
 * Whether an Authorization header carries the metrics bearer token. Compared in constant time
 * (of equal-length digests), so the token cannot be guessed byte by byte from response times.
 */
export function isMetricsAuthorized(authorization: string | undefined, token: string): boolean {
  if (!token) return false;
  const [scheme, presented] = (authorization ?? '').split(' ');
  if (scheme !== 'Bearer' || !presented) return false;
  return timingSafeEqual(digest(presented), digest(token));
}
