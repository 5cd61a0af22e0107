import { Module } from '@nestjs/common';
import { ReferenceModule } from '../reference/reference.module';
import { InboxController } from './inbox/inbox.controller';
import { AccountsModule } from '../accounts/accounts.module';
import { InboxService } from './inbox/inbox.service';
import { StreamSlots } from './inbox/stream-slots';
import { NotificationHub } from './redis-pubsub';
import { WatchlistsController, WatchlistsService } from './watchlists/watchlists.controller';
import { WebhooksController } from './webhooks/webhooks.controller';
import { WebhooksService } from './webhooks/webhooks.service';

/** HTTP side: inbox, live stream, webhook endpoints and watchlists. */
@Module({
  imports: [ReferenceModule, AccountsModule],
  controllers: [InboxController, WebhooksController, WatchlistsController],
  providers: [InboxService, StreamSlots, NotificationHub, WebhooksService, WatchlistsService],
})
export class NotificationsModule {}
