import { Module } from '@nestjs/common';
import { OutboxModule } from '../outbox/outbox.module';
import { HorizonRoller } from './standing-orders/horizon.roller';
import { HorizonTimer } from './standing-orders/horizon.timer';

/** Worker side of the programme rails: keeps the standing orders' horizon rolling. */
@Module({
  imports: [OutboxModule],
  providers: [HorizonRoller, HorizonTimer],
  exports: [HorizonRoller],
})
export class ProgrammesWorkerModule {}
