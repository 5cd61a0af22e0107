import { Module } from '@nestjs/common';
import { OutboxWriter } from './outbox.writer';

/** The writing half, used by every module that changes the market (API and worker alike). */
@Module({ providers: [OutboxWriter], exports: [OutboxWriter] })
export class OutboxModule {}
