import { Module } from '@nestjs/common';
import { MarketLedger } from './market.ledger';

/**
 * The ledger alone, for the modules that change listings and requests (deals, matching, the
 * programmes, the market itself) without depending on the market's HTTP side.
 */
@Module({ providers: [MarketLedger], exports: [MarketLedger] })
export class MarketLedgerModule {}
