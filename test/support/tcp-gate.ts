import { createServer, Server, Socket } from 'node:net';

/**
 * A TCP forwarder in front of a real server (PostgreSQL here) that a test can shut: while shut,
 * nothing listens on its port, so new connections are refused (ECONNREFUSED) as they are by a
 * database that is restarting. Connections already open are not touched.
 */
export class TcpGate {
  private readonly upstreams = new Set<Socket>();
  private readonly clients = new Set<Socket>();
  private server: Server | null = null;
  private port = 0;

  private constructor(private readonly target: { host: string; port: number }) {}

  static async start(target: { host: string; port: number }): Promise<TcpGate> {
    const gate = new TcpGate(target);
    await gate.open();
    return gate;
  }

  get isOpen(): boolean {
    return this.server !== null;
  }

  /** Listens again, on the same port as before (the OS picks it the first time). */
  async open(): Promise<void> {
    if (this.server) return;
    const server = createServer((client) => this.forward(client));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    const address = server.address();
    this.port = typeof address === 'object' && address ? address.port : 0;
    this.server = server;
  }

  /** Stops listening: new connections are refused, open ones carry on. */
  async shut(): Promise<void> {
    const server = this.server;
    this.server = null;
    // close() stops accepting at once; its callback waits for the open connections, so not here.
    server?.close();
  }

  /** `url` with its host and port replaced by the gate's. */
  urlFor(url: string): string {
    const through = new URL(url);
    through.hostname = '127.0.0.1';
    through.port = String(this.port);
    return through.toString();
  }

  async close(): Promise<void> {
    await this.shut();
    for (const socket of [...this.upstreams, ...this.clients]) socket.destroy();
  }

  private forward(client: Socket): void {
    const upstream = new Socket();
    this.upstreams.add(upstream);
    this.clients.add(client);
    upstream.connect(this.target.port, this.target.host);
    client.pipe(upstream).pipe(client);
    const done = () => {
      this.upstreams.delete(upstream);
      this.clients.delete(client);
      client.destroy();
      upstream.destroy();
    };
    client.on('error', done).on('close', done);
    upstream.on('error', done).on('close', done);
  }
}
