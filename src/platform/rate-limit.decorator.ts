import { SetMetadata } from '@nestjs/common';

export const RATE_LIMIT_CLASS = 'jembatan:rate-limit-class';

/**
 * Marks a read whose cost is well above a plain lookup (why-not diagnostics, searches and lists,
 * opening a live stream): it gets a small budget per user and route of its own
 * (RATE_LIMIT_COSTLY_READS_PER_MINUTE), on top of the general read budget.
 */
export const CostlyRead = () => SetMetadata(RATE_LIMIT_CLASS, 'costly');
