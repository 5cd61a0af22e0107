import type { EntityManager } from 'typeorm';

/** What a listing's or request's change means for the proposals resting on it. */
export interface MarketChange {
  side: 'listing' | 'request';
  id: string;
  commodityCode: string;
  /** Changed terms other than quantity, by their API names. */
  changedTerms: string[];
  quantityChanged: boolean;
  remainingQuantity: number;
}

/**
 * What the market's writes ask of matching, which sits above the market in the folder graph:
 * whether a new listing or request could ever be matched (refused at the door with 422 if not),
 * and superseding the proposals an edit breaks, in the edit's transaction. The market depends on
 * this abstract class only; matching implements it (`matching/market-checks.provider.ts`) and the
 * composition root binds the two (`MarketModule.withChecks`).
 */
export abstract class MarketChecks {
  abstract assertListingSatisfiable(fields: {
    commodityCode: string;
    originRegionCode: string;
    availableFrom: Date;
    harvestedAt: Date | null;
  }): Promise<void>;

  abstract assertRequestSatisfiable(fields: {
    commodityCode: string;
    destinationRegionCode: string;
    deliverBy: Date;
    minShelfLifeDaysOnArrival: number;
    coldStorage?: boolean;
  }): Promise<void>;

  /** Supersedes, in the caller's transaction, the open proposals the change breaks. */
  abstract supersedeForChange(manager: EntityManager, change: MarketChange): Promise<void>;
}
