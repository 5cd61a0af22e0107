import { Module } from '@nestjs/common';
import { BalanceController } from './balance.controller';
import { BalanceService } from './balance.service';

/** HTTP side of the regional balance (#12 point 5): reads the aggregates. */
@Module({ controllers: [BalanceController], providers: [BalanceService] })
export class BalanceModule {}
