import { getQueueToken } from '@nestjs/bullmq';
import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { Queue } from 'bullmq';
import { QUEUES } from './job-catalog';

const LOG_EVERY_MS = 30_000;

/**
 * A queue without an 'error' listener makes BullMQ print every failed reconnect with a stack.
 * While Redis is down that is one line per retry; this logs one warning per queue per 30 s
 * instead (ioredis keeps reconnecting by itself).
 */
@Injectable()
export class QueueErrorLogger implements OnModuleInit {
  private readonly logger = new Logger('Queue');
  private readonly lastLogged = new Map<string, number>();

  constructor(private readonly moduleRef: ModuleRef) {}

  onModuleInit(): void {
    for (const name of Object.values(QUEUES)) {
      const queue = this.moduleRef.get<Queue>(getQueueToken(name), { strict: false });
      queue.on('error', (error: Error) => {
        const now = Date.now();
        if (now - (this.lastLogged.get(name) ?? 0) < LOG_EVERY_MS) return;
        this.lastLogged.set(name, now);
        this.logger.warn({ queue: name, err: error.message }, 'queue connection error; retrying');
      });
    }
  }
}
