import { Processor, WorkerHost } from '@nestjs/bullmq';
import { applyDecorators, SetMetadata, type Type } from '@nestjs/common';
import type { Job } from 'bullmq';
import { ConfigError, DEFAULT_JOB_LOCK_MS, loadConfig } from '../config/app-config';
import { JOB_QUEUE, type JobName, type JobPayloads } from './job-catalog';
import { QUEUE_CONCURRENCY } from './job-options';

const JOB_HANDLER = Symbol('jembatan:job-handler');

/**
 * How often a job may stall (its lock expired: its worker died, or did not renew in time) and
 * still go back to the queue. BullMQ's default is 1, after which the job fails for good, and a
 * failed job comes back only when a recovery path revives it (`job-revival.ts`), minutes later.
 * Every handler is idempotent, so a stall costs a re-run, never a duplicate; giving up delays
 * work. CI lost a re-optimisation one time and 12 notifications another when a job held by a
 * worker killed in worker-crash.test.ts stalled a second time on the worker that took it next.
 */
const MAX_STALLS = 10;

/** BullMQ worker options as `@Processor` takes them (the type is not exported by name). */
type NestWorkerOptions = NonNullable<Parameters<typeof Processor>[1]>;

/** A job of the catalog as its processor receives it: the payload typed by the job's name. */
export type JobOf<N extends JobName> = Job<JobPayloads[N], unknown, N>;

/**
 * Marks the class that handles job `name`: registers it as the BullMQ processor of the job's
 * queue (with the queue's concurrency from `job-options.ts`) and records the job, so that the
 * worker finds every handler by discovery (`JobHandlersCheck`), with no list kept by hand.
 */
export function JobProcessor(
  name: JobName,
  options: Omit<NestWorkerOptions, 'concurrency'> = {},
): ClassDecorator {
  const queue = JOB_QUEUE[name];
  const jobLockMs = jobLockFromEnvironment();
  return applyDecorators(
    SetMetadata(JOB_HANDLER, name),
    Processor(queue, {
      concurrency: QUEUE_CONCURRENCY[queue],
      lockDuration: jobLockMs,
      stalledInterval: jobLockMs,
      maxStalledCount: MAX_STALLS,
      ...options,
    }),
  );
}

/**
 * JOB_LOCK_MS, read when a processor's file loads: before the worker's app starts, so an invalid
 * environment must not throw here (BullMQ's default stands, and the app's own config check
 * reports the problem by name a moment later).
 */
function jobLockFromEnvironment(): number {
  try {
    return loadConfig().jobLockMs;
  } catch (error) {
    if (error instanceof ConfigError) return DEFAULT_JOB_LOCK_MS;
    throw error;
  }
}

/** The job a class handles, if it is a `@JobProcessor`. */
export function handledJob(target: Type): JobName | undefined {
  return Reflect.getMetadata(JOB_HANDLER, target) as JobName | undefined;
}

/** Base of a processor of job `N`: `process` gets that job's payload type. */
export abstract class JobHost<N extends JobName> extends WorkerHost {
  abstract override process(job: JobOf<N>, token?: string): Promise<unknown>;
}
