import { Injectable, OnModuleInit, type Type } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { JOB_QUEUE, type JobName } from './job-catalog';
import { handledJob } from './job-processor';

export interface JobHandler {
  /** The class name, for the error message. */
  name: string;
  job: JobName;
}

/**
 * The worker refuses to start when a job of the catalog has nobody to run it, or two classes
 * that would both take its jobs from the queue.
 */
export function assertOneHandlerPerJob(handlers: readonly JobHandler[]): void {
  const problems: string[] = [];
  for (const job of Object.keys(JOB_QUEUE) as JobName[]) {
    const names = handlers.filter((h) => h.job === job).map((h) => h.name);
    if (names.length === 0) problems.push(`no processor handles job ${job}`);
    if (names.length > 1)
      problems.push(`job ${job} has ${names.length} processors: ${names.join(', ')}`);
  }
  if (problems.length > 0) throw new Error(`Job handlers: ${problems.join('; ')}`);
}

/**
 * Finds every `@JobProcessor` among the worker's providers (no list kept by hand) and checks
 * that each job has exactly one, when the worker boots.
 */
@Injectable()
export class JobHandlersCheck implements OnModuleInit {
  constructor(private readonly discovery: DiscoveryService) {}

  handlers(): JobHandler[] {
    // One entry per provider instance: a class registered in two modules runs two workers.
    const found: JobHandler[] = [];
    for (const wrapper of this.discovery.getProviders()) {
      const type = wrapper.metatype;
      if (typeof type !== 'function') continue;
      const job = handledJob(type as Type);
      if (job) found.push({ name: type.name, job });
    }
    return found;
  }

  onModuleInit(): void {
    assertOneHandlerPerJob(this.handlers());
  }
}
