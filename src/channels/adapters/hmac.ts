import { createHmac, timingSafeEqual } from 'node:crypto';

/** `sha256=<hex>` of HMAC-SHA256 over the raw body, as WhatsApp (and our SMS contract) sign it. */
export function sha256Signature(secret: string, rawBody: Buffer): string {
  return `sha256=${createHmac('sha256', secret).update(rawBody).digest('hex')}`;
}

/** Constant-time comparison; a missing or differently sized header is simply false. */
export function signatureMatches(
  secret: string,
  rawBody: Buffer | undefined,
  header: string | string[] | undefined,
): boolean {
  if (!rawBody || typeof header !== 'string') return false;
  const expected = Buffer.from(sha256Signature(secret, rawBody));
  const given = Buffer.from(header.trim());
  return given.length === expected.length && timingSafeEqual(given, expected);
}
