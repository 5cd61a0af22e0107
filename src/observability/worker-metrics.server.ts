import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnModuleDestroy,
} from '@nestjs/common';
import { createServer, Server } from 'node:http';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { registry } from './metrics';
import { isMetricsAuthorized } from './metrics-token';

/** A worker serves no API; when METRICS_PORT is set it serves /metrics for Prometheus. */
@Injectable()
export class WorkerMetricsServer implements OnApplicationBootstrap, OnModuleDestroy {
  private server: Server | null = null;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  onApplicationBootstrap(): void {
    if (!this.config.workerMetricsPort) return;
    this.server = createServer((req, res) => {
      if (req.url !== '/metrics') return void res.writeHead(404).end();
      // A separate port may still be reachable from the network: the same token applies.
      const token = this.config.metricsToken;
      if (token && !isMetricsAuthorized(req.headers.authorization, token))
        return void res.writeHead(401, { 'www-authenticate': 'Bearer' }).end();
      registry
        .metrics()
        .then((text) => res.writeHead(200, { 'content-type': registry.contentType }).end(text))
        .catch(() => res.writeHead(500).end());
    });
    this.server.listen(this.config.workerMetricsPort, () =>
      new Logger(WorkerMetricsServer.name).log(
        `worker metrics on :${this.config.workerMetricsPort}/metrics`,
      ),
    );
  }

  async onModuleDestroy(): Promise<void> {
    await new Promise<void>((resolve) =>
      this.server ? this.server.close(() => resolve()) : resolve(),
    );
  }
}
