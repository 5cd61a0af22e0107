import { Module } from '@nestjs/common';
import { DecisionsService } from '../deals/decisions.service';
import { MarketModule } from '../market/market.module';
import { MarketChecksModule } from '../matching/market-checks.provider';
import { OutboxModule } from '../outbox/outbox.module';
import { OutboxWorkerModule } from '../outbox/outbox-worker.module';
import { PlatformModule } from '../platform/platform.module';
import { QueueModule } from '../queue/queue.module';
import { ChannelAdapters } from './adapters/channel-adapters';
import { ChannelRecoverySweeper } from './channel-recovery.sweeper';
import { ChannelFanout } from './messages/channel.fanout';
import { ChannelDeliveryService } from './messages/channel-delivery.service';
import { ChannelMessageWriter } from './messages/channel-message.writer';
import { SmsSendProcessor, WhatsAppSendProcessor } from './messages/channel-send.processors';
import { InboundProcessor } from './replies/inbound.processor';
import { ReplyHandler } from './replies/reply.handler';
import { SellConversation } from './sell/sell.conversation';
import { MarketLedgerModule } from '../market/market-ledger.module';

/**
 * Worker side: match events to phones, the send processors (one queue per provider, each with
 * its rate limit) and the inbound processor, which decides through the same DecisionsService as
 * the API and posts supply through the same SupplyListingsService.
 */
@Module({
  // PlatformModule: SupplyListingsService counts price edits with its RateLimiter.
  imports: [
    MarketLedgerModule,
    QueueModule,
    OutboxModule,
    OutboxWorkerModule,
    MarketModule.withChecks(MarketChecksModule),
    PlatformModule,
  ],
  providers: [
    ChannelAdapters,
    ChannelMessageWriter,
    ChannelDeliveryService,
    ChannelFanout,
    WhatsAppSendProcessor,
    SmsSendProcessor,
    DecisionsService,
    SellConversation,
    ReplyHandler,
    InboundProcessor,
    ChannelRecoverySweeper,
  ],
})
export class ChannelsWorkerModule {}
