import { Module } from '@nestjs/common';
import { AccountsModule } from './accounts/accounts.module';
import { AdminModule } from './admin/admin.module';
import { AgreementsModule } from './agreements/agreements.module';
import { BalanceModule } from './balance/balance.module';
import { ChannelsModule } from './channels/channels.module';
import { DealsModule } from './deals/deals.module';
import { LoggingModule } from './common/logging.module';
import { AppConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { HealthModule } from './health/health.module';
import { MarketModule } from './market/market.module';
import { MarketChecksModule } from './matching/market-checks.provider';
import { MatchingModule } from './matching/matching.module';
import { NotificationsModule } from './notifications/notifications.module';
import { ObservabilityModule } from './observability/observability.module';
import { PlatformModule } from './platform/platform.module';
import { ProgrammesModule } from './programmes/programmes.module';
import { DisruptionsModule } from './network/disruptions.module';
import { PricesModule } from './prices/prices.module';
import { ReferenceModule } from './reference/reference.module';

/** Everything the HTTP API serves. It consumes no jobs. */
@Module({
  imports: [
    AppConfigModule,
    LoggingModule,
    DatabaseModule,
    PlatformModule,
    ReferenceModule,
    DisruptionsModule,
    AccountsModule,
    MarketModule.withChecks(MarketChecksModule),
    MatchingModule,
    AgreementsModule,
    DealsModule,
    NotificationsModule,
    HealthModule,
    ObservabilityModule,
    AdminModule,
    ChannelsModule,
    ProgrammesModule,
    PricesModule,
    BalanceModule,
  ],
})
export class ApiModule {}
