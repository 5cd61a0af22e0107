import { Module } from '@nestjs/common';
import { OutboxModule } from '../../outbox/outbox.module';
import {
  NetworkClosuresAdminController,
  NetworkClosuresController,
} from './network-closures.controller';
import { NetworkClosures } from './network-closures.service';

/** Disruptions of the service network: the API's routes, and `advance()` for the worker. */
@Module({
  imports: [OutboxModule],
  controllers: [NetworkClosuresAdminController, NetworkClosuresController],
  providers: [NetworkClosures],
  exports: [NetworkClosures],
})
export class DisruptionsModule {}
