import { Module } from '@nestjs/common';
import { OutboxModule } from '../outbox/outbox.module';
import {
  NetworkClosuresAdminController,
  NetworkClosuresController,
} from './network-closures.controller';
import { NetworkClosures } from './network-closures.service';
import { SERVICE_NETWORK_CONTROLLERS } from './service-network.controller';
import { ServiceNetworkAdmin } from './service-network-admin.service';

/**
 * Operations on the service network: administrators' edits of its rows and its disruptions (the
 * API's routes), and `advance()` for the worker.
 */
@Module({
  imports: [OutboxModule],
  controllers: [
    NetworkClosuresAdminController,
    NetworkClosuresController,
    ...SERVICE_NETWORK_CONTROLLERS,
  ],
  providers: [NetworkClosures, ServiceNetworkAdmin],
  exports: [NetworkClosures],
})
export class DisruptionsModule {}
