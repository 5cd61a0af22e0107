import type { ChannelName } from '../../config/app-config';

export type { ChannelName };

/** What the platform sends: the plain text always, and the WhatsApp forms when they apply. */
export interface OutboundMessage {
  /** E.164, e.g. +6281234567890. */
  to: string;
  text: string;
  /** Our message id: a gateway that accepts a client reference gets it (duplicate suppression). */
  reference: string;
  /** Reply buttons (WhatsApp, inside the customer-service window): id is the command they send. */
  buttons?: { id: string; title: string }[];
  /** The approved template to use outside the customer-service window (WhatsApp). */
  template?: { name: string; params: string[]; quickReplies: string[] };
  /** WhatsApp: the recipient wrote to us in the last 24 hours, so free-form messages are allowed. */
  insideServiceWindow?: boolean;
}

export type SendOutcome =
  | { kind: 'sent'; providerMessageId: string }
  /** Worth another attempt (timeouts, 429, 5xx). */
  | { kind: 'retry'; error: string }
  /** The provider refused this message for good (bad number, template not approved...). */
  | { kind: 'rejected'; error: string };

/** A message a person sent us, as the provider reported it. */
export interface InboundMessage {
  providerMessageId: string;
  /** E.164 with the leading +. */
  from: string;
  /** The text typed, or for a tapped button the command it carries. */
  text: string;
  receivedAt: Date;
}

export const DELIVERY_STATUSES = ['sent', 'delivered', 'read', 'failed'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export interface StatusReport {
  providerMessageId: string;
  status: DeliveryStatus;
  error: string | null;
}

/** What one provider callback carried, after its signature was checked. */
export interface InboundBatch {
  messages: InboundMessage[];
  statuses: StatusReport[];
}

/** The request of a provider callback: the exact bytes (signatures cover them) and the headers. */
export interface InboundRequest {
  rawBody: Buffer | undefined;
  headers: Record<string, string | string[] | undefined>;
}

/**
 * One messaging provider. `handleInbound` refuses (DomainError 401) a callback whose signature
 * does not match before reading anything in it.
 */
export interface ChannelAdapter {
  readonly channel: ChannelName;
  send(message: OutboundMessage): Promise<SendOutcome>;
  handleInbound(request: InboundRequest): InboundBatch;
}

/** E.164: a plus, a country code not starting with 0, at most 15 digits in all. */
export const E164 = /^\+[1-9]\d{7,14}$/;

/** Providers write numbers without the plus (628...): we keep E.164 everywhere. */
export function toE164(digits: string): string {
  const trimmed = digits.trim();
  return trimmed.startsWith('+') ? trimmed : `+${trimmed}`;
}
