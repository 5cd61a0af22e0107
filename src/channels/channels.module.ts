import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { QueueModule } from '../queue/queue.module';
import { ChannelAdapters } from './adapters/channel-adapters';
import { ChannelsController } from './channels.controller';
import { ChannelDeliveryService } from './messages/channel-delivery.service';
import { ChannelMessageWriter } from './messages/channel-message.writer';
import { PhonesController } from './phones/phones.controller';
import { PhonesService } from './phones/phones.service';
import { InboundReceiver } from './replies/inbound.receiver';

/** HTTP side of WhatsApp and SMS: provider callbacks, phones, routes and the delivery log. */
@Module({
  imports: [QueueModule, AccountsModule],
  controllers: [ChannelsController, PhonesController],
  providers: [
    ChannelAdapters,
    ChannelMessageWriter,
    ChannelDeliveryService,
    InboundReceiver,
    PhonesService,
  ],
})
export class ChannelsModule {}
