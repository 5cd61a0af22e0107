import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { JOB_QUEUE, type JobName, type JobPayloads, QUEUES, type QueueName } from './job-catalog';
import { jobOptions, jobRequest } from './job-options';
import { reportRevivals, reviveFailedJobs } from './job-revival';

/**
 * The producers' one way onto the queues: `enqueue(name, payload)` is typed by the job catalog
 * (a wrong payload does not compile), finds the job's queue, and takes its options from
 * `jobOptions`. Nobody else calls `Queue.add`.
 */
@Injectable()
export class JobQueue {
  private readonly logger = new Logger(JobQueue.name);
  private readonly queues: Record<QueueName, Queue>;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectQueue(QUEUES.events) events: Queue,
    @InjectQueue(QUEUES.marketEvents) marketEvents: Queue,
    @InjectQueue(QUEUES.matching) matching: Queue,
    @InjectQueue(QUEUES.maintenance) maintenance: Queue,
    @InjectQueue(QUEUES.webhooks) webhooks: Queue,
    @InjectQueue(QUEUES.channelWhatsapp) channelWhatsapp: Queue,
    @InjectQueue(QUEUES.channelSms) channelSms: Queue,
    @InjectQueue(QUEUES.channelInbound) channelInbound: Queue,
  ) {
    this.queues = {
      events,
      'market-events': marketEvents,
      matching,
      maintenance,
      webhooks,
      'channel-whatsapp': channelWhatsapp,
      'channel-sms': channelSms,
      'channel-inbound': channelInbound,
    };
  }

  async enqueue<N extends JobName>(name: N, payload: JobPayloads[N]): Promise<void> {
    await this.queues[JOB_QUEUE[name]].add(name, payload, jobOptions(name, payload, this.config));
  }

  async enqueueBulk<N extends JobName>(
    name: N,
    payloads: readonly JobPayloads[N][],
  ): Promise<void> {
    if (payloads.length === 0) return;
    await this.queues[JOB_QUEUE[name]].addBulk(
      payloads.map((payload) => jobRequest(name, payload, this.config)),
    );
  }

  /**
   * Hands over again work whose row says it is not done (the recovery sweeps): adds the jobs
   * that are missing, and revives those BullMQ has failed for good (see `reviveFailedJobs`).
   */
  async requeueBulk<N extends JobName>(
    name: N,
    payloads: readonly JobPayloads[N][],
  ): Promise<void> {
    if (payloads.length === 0) return;
    const requests = payloads.map((payload) => jobRequest(name, payload, this.config));
    const queue = this.queues[JOB_QUEUE[name]];
    await queue.addBulk(requests);
    reportRevivals(this.logger, await reviveFailedJobs(queue, requests));
  }

  /**
   * Runs a job every `everyMs`. Idempotent: BullMQ keeps one scheduler per id, however many
   * workers upsert it.
   */
  async repeat<N extends JobName>(
    name: N,
    payload: JobPayloads[N],
    schedule: { schedulerId: string; everyMs: number },
  ): Promise<void> {
    await this.queues[JOB_QUEUE[name]].upsertJobScheduler(
      schedule.schedulerId,
      { every: schedule.everyMs },
      { name, data: payload, opts: jobOptions(name, payload, this.config) },
    );
  }
}
