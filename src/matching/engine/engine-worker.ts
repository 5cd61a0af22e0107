import { extname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { SolveMarketResult } from './engine.types';
import type {
  WorkerPrepareInput,
  WorkerRequest,
  WorkerResponse,
  WorkerSolveInput,
} from './worker-protocol';

interface Pending {
  resolve: (response: Extract<WorkerResponse, { ok: true }>) => void;
  reject: (error: Error) => void;
}

/**
 * A worker thread that solves markets off the event loop. Keep one per process for repeated
 * solves (it keeps the network and its route cache between calls with the same networkVersion);
 * requests are queued and answered in order.
 */
export class EngineWorker {
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;

  constructor() {
    this.worker = spawnSolveWorker();
    this.worker.on('message', (response: WorkerResponse) => {
      const pending = this.pending.get(response.id);
      if (!pending) return;
      this.pending.delete(response.id);
      if (response.ok) pending.resolve(response);
      else pending.reject(new Error(`matching engine worker: ${response.error}`));
    });
    this.worker.on('error', (error) => this.failAll(error));
    this.worker.on('exit', (code) => {
      if (this.pending.size > 0)
        this.failAll(new Error(`matching engine worker exited with ${code}`));
    });
  }

  async solve(input: WorkerSolveInput): Promise<SolveMarketResult[]> {
    return (await this.send({ id: this.nextId++, input })).results;
  }

  /**
   * Loads a network version in the thread and builds the routes of these markets (all
   * commodities) before the solves that follow it in the queue: they then only read the route
   * table. Resolves with the number of routes built.
   */
  async prepare(prepare: WorkerPrepareInput): Promise<number> {
    return (await this.send({ id: this.nextId++, prepare })).routesBuilt ?? 0;
  }

  private send(request: WorkerRequest): Promise<Extract<WorkerResponse, { ok: true }>> {
    return new Promise((resolve, reject) => {
      this.pending.set(request.id, { resolve, reject });
      this.worker.postMessage(request);
    });
  }

  async terminate(): Promise<void> {
    await this.worker.terminate();
  }

  private failAll(error: Error): void {
    for (const pending of this.pending.values()) pending.reject(error);
    this.pending.clear();
  }
}

/** One-shot: starts a worker thread, solves, stops it. */
export async function solveInWorker(input: WorkerSolveInput): Promise<SolveMarketResult[]> {
  const worker = new EngineWorker();
  try {
    return await worker.solve(input);
  } finally {
    await worker.terminate();
  }
}

/**
 * Compiled code runs solve.worker.js directly. Under ts-node or ts-jest this file is TypeScript,
 * and so is the worker, which then registers ts-node (a dev dependency) before loading it.
 */
function spawnSolveWorker(): Worker {
  const extension = extname(__filename);
  const file = join(__dirname, `solve.worker${extension}`);
  if (extension === '.ts') {
    const bootstrap =
      "require('ts-node').register({ transpileOnly: true });" + `require(${JSON.stringify(file)});`;
    return new Worker(bootstrap, { eval: true });
  }
  return new Worker(file);
}
