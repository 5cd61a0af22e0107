import { createHash, randomBytes } from 'node:crypto';

/**
 * Opaque tokens (refresh, email verification, reset, invitation): 256 random bits, so a plain
 * SHA-256 is enough at rest (no salt or slow hash needed against guessing), and a stolen table
 * gives nothing that can be presented.
 */
export function newSecretToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashSecretToken(token) };
}

export function hashSecretToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
