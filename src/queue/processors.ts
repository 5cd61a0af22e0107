import { JOB_QUEUE, JobName } from './job-catalog';

export interface ProcessorClass {
  name: string;
  handles: JobName[];
}

/** The worker refuses to start when a job of the catalog has nobody to run it. */
export function assertEveryJobHasHandler(processors: ProcessorClass[]): void {
  const handled = new Set(processors.flatMap((p) => p.handles));
  const missing = (Object.keys(JOB_QUEUE) as JobName[]).filter((name) => !handled.has(name));
  if (missing.length > 0) {
    throw new Error(`No processor handles job(s): ${missing.join(', ')}`);
  }
}
