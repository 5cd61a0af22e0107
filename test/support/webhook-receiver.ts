import { createServer, IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
  at: number;
}

/**
 * A real HTTP receiver on 127.0.0.1. Each path can script its answers: e.g. [500, 500, 200]
 * fails twice then succeeds; the last status repeats.
 */
export class WebhookReceiver {
  readonly received: Received[] = [];
  private readonly scripts = new Map<string, number[]>();
  private server!: Server;
  url = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const path = req.url ?? '/';
        this.received.push({
          path,
          headers: req.headers,
          body: Buffer.concat(chunks).toString(),
          at: Date.now(),
        });
        const script = this.scripts.get(path) ?? [204];
        const status = script.length > 1 ? script.shift()! : script[0];
        res.writeHead(status).end();
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  script(path: string, statuses: number[]): string {
    this.scripts.set(path, [...statuses]);
    return `${this.url}${path}`;
  }

  on(path: string): Received[] {
    return this.received.filter((r) => r.path === path);
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/**
 * A receiver that accepts connections and never answers (issue #9's attack): every request
 * hangs until the sender gives up. Counts connections per path.
 */
export class Tarpit {
  private readonly hits = new Map<string, number>();
  private server!: Server;
  private readonly held = new Set<IncomingMessage>();
  url = '';

  async start(): Promise<this> {
    this.server = createServer((req) => {
      const path = req.url ?? '/';
      this.hits.set(path, (this.hits.get(path) ?? 0) + 1);
      this.held.add(req);
      req.on('close', () => this.held.delete(req));
      req.resume();
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  connections(path: string): number {
    return this.hits.get(path) ?? 0;
  }

  async stop(): Promise<void> {
    for (const req of this.held) req.socket.destroy();
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    // Connections whose request has not arrived yet are not in `held`: without this, close waits
    // for each client to give up (the webhook timeout) while its retries keep connecting.
    this.server.closeAllConnections();
    await closed;
  }
}
