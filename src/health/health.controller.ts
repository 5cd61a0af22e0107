import { Controller, Get, Inject, OnModuleDestroy, Res } from '@nestjs/common';
import {
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import { Redis } from 'ioredis';
import { DataSource } from 'typeorm';
import { Public } from '../platform/route-access';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { openRedis } from '../queue/redis-connection';

const CHECK_TIMEOUT_MS = 1500;

type CheckResult = { status: 'up' } | { status: 'down'; error: string };

async function check(probe: () => Promise<unknown>): Promise<CheckResult> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      probe(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error('timed out')), CHECK_TIMEOUT_MS);
      }),
    ]);
    return { status: 'up' };
  } catch (error) {
    return { status: 'down', error: error instanceof Error ? error.message : String(error) };
  } finally {
    clearTimeout(timer);
  }
}

const CHECK_SCHEMA = {
  type: 'object',
  properties: { status: { type: 'string', enum: ['up', 'down'] }, error: { type: 'string' } },
};
const READY_SCHEMA = {
  type: 'object',
  properties: {
    status: { type: 'string', enum: ['ok', 'unavailable'] },
    checks: { type: 'object', properties: { database: CHECK_SCHEMA, redis: CHECK_SCHEMA } },
  },
};

@ApiTags('operations')
@Public()
@Controller('health')
export class HealthController implements OnModuleDestroy {
  private readonly redis: Redis;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    // Fails fast so that readiness answers "down" instead of hanging while Redis is away.
    this.redis = openRedis(config.redisUrl, 'fail-fast-api');
  }

  @Get('live')
  @ApiOperation({ summary: 'Liveness probe: the process answers' })
  @ApiOkResponse({
    schema: { type: 'object', properties: { status: { type: 'string', enum: ['ok'] } } },
  })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  @ApiOperation({ summary: 'Readiness probe: PostgreSQL and Redis answer' })
  @ApiOkResponse({ description: 'both up', schema: READY_SCHEMA })
  @ApiServiceUnavailableResponse({ description: 'one is down', schema: READY_SCHEMA })
  async ready(@Res({ passthrough: true }) res: Response) {
    const [database, redis] = await Promise.all([
      check(() => this.dataSource.query('SELECT 1')),
      check(() => this.redis.ping()),
    ]);
    const ok = database.status === 'up' && redis.status === 'up';
    res.status(ok ? 200 : 503);
    return { status: ok ? 'ok' : 'unavailable', checks: { database, redis } };
  }

  async onModuleDestroy(): Promise<void> {
    this.redis.disconnect();
  }
}
