import { DiscoveryModule } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import {
  SmsSendProcessor,
  WhatsAppSendProcessor,
} from '../channels/messages/channel-send.processors';
import { InboundProcessor } from '../channels/replies/inbound.processor';
import { MaintenanceProcessor } from '../matching/maintenance.processor';
import { MatchingProcessor } from '../matching/matching.processor';
import { WebhooksProcessor } from '../notifications/webhooks/webhooks.processor';
import { EventsProcessor } from '../outbox/events.processor';
import { MarketEventsProcessor } from '../outbox/market-events.processor';
import { JOB_QUEUE } from './job-catalog';
import { handledJob, JobHost, JobProcessor } from './job-processor';
import { assertOneHandlerPerJob, JobHandlersCheck } from './processors';

@JobProcessor('domain-event')
class FakeEvents extends JobHost<'domain-event'> {
  process = () => Promise.resolve();
}
@JobProcessor('market-event')
class FakeMarketEvents extends JobHost<'market-event'> {
  process = () => Promise.resolve();
}
@JobProcessor('reoptimize-commodity')
class FakeMatching extends JobHost<'reoptimize-commodity'> {
  process = () => Promise.resolve();
}
@JobProcessor('expire-market')
class FakeMaintenance extends JobHost<'expire-market'> {
  process = () => Promise.resolve();
}
@JobProcessor('deliver-webhook')
class FakeWebhooks extends JobHost<'deliver-webhook'> {
  process = () => Promise.resolve();
}
@JobProcessor('send-whatsapp')
class FakeWhatsApp extends JobHost<'send-whatsapp'> {
  process = () => Promise.resolve();
}
@JobProcessor('send-sms')
class FakeSms extends JobHost<'send-sms'> {
  process = () => Promise.resolve();
}
@JobProcessor('handle-inbound')
class FakeInbound extends JobHost<'handle-inbound'> {
  process = () => Promise.resolve();
}
@JobProcessor('deliver-webhook')
class SecondWebhooks extends JobHost<'deliver-webhook'> {
  process = () => Promise.resolve();
}

async function boot(providers: (new (...args: never[]) => unknown)[]): Promise<void> {
  const moduleRef = await Test.createTestingModule({
    imports: [DiscoveryModule],
    providers: [JobHandlersCheck, ...providers],
  }).compile();
  await moduleRef.init();
  await moduleRef.close();
}

describe('job handlers', () => {
  it('the worker has exactly one processor per job of the catalog', () => {
    const processors = [
      EventsProcessor,
      MarketEventsProcessor,
      MatchingProcessor,
      MaintenanceProcessor,
      WebhooksProcessor,
      WhatsAppSendProcessor,
      SmsSendProcessor,
      InboundProcessor,
    ];
    const handlers = processors.map((p) => ({ name: p.name, job: handledJob(p)! }));
    expect(handlers.map((h) => h.job).sort()).toEqual(Object.keys(JOB_QUEUE).sort());
    expect(() => assertOneHandlerPerJob(handlers)).not.toThrow();
  });

  it('boots when discovery finds one handler per job', async () => {
    await expect(
      boot([
        FakeEvents,
        FakeMarketEvents,
        FakeMatching,
        FakeMaintenance,
        FakeWebhooks,
        FakeWhatsApp,
        FakeSms,
        FakeInbound,
      ]),
    ).resolves.toBe(undefined);
  });

  it('refuses to boot when a job has no handler, naming the job', async () => {
    await expect(boot([FakeEvents, FakeMatching, FakeWebhooks])).rejects.toThrow(
      'no processor handles job expire-market',
    );
  });

  it('refuses to boot when a job has two handlers, naming both', async () => {
    await expect(
      boot([FakeEvents, FakeMatching, FakeMaintenance, FakeWebhooks, SecondWebhooks]),
    ).rejects.toThrow('job deliver-webhook has 2 processors: FakeWebhooks, SecondWebhooks');
  });
});
