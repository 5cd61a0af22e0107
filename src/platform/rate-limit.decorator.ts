import { SetMetadata } from '@nestjs/common';

export const RATE_LIMIT_CLASS = 'jembatan:rate-limit-class';

/**
 * Marks a read whose cost is well above a plain lookup (why-not diagnostics, searches and lists,
 * opening a live stream): it gets a small budget per user and route of its own
 * (RATE_LIMIT_COSTLY_READS_PER_MINUTE), on top of the general read budget.
 */
export const CostlyRead = () => SetMetadata(RATE_LIMIT_CLASS, 'costly');

/**
 * A provider's signed callback (WhatsApp, SMS gateway): not counted against the per-address
 * budget of unauthenticated writes, which a provider sending from a few addresses would exhaust
 * at once (Meta sends several status callbacks per message). Its signature check is the gate:
 * a request that fails it costs one HMAC and changes nothing.
 */
export const SignedProviderCallback = () => SetMetadata(RATE_LIMIT_CLASS, 'provider-callback');
