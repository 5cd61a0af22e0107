import { parentPort } from 'node:worker_threads';
import { preparePlain, solvePlain } from './solve-plain';
import type { WorkerRequest, WorkerResponse } from './worker-protocol';

// Worker thread entry: one request at a time, answered with the same id.
parentPort?.on('message', (request: WorkerRequest) => {
  let response: WorkerResponse;
  try {
    response =
      'prepare' in request
        ? { id: request.id, ok: true, results: [], routesBuilt: preparePlain(request.prepare) }
        : { id: request.id, ok: true, results: solvePlain(request.input) };
  } catch (error) {
    response = {
      id: request.id,
      ok: false,
      error: error instanceof Error ? error.message : String(error),
    };
  }
  parentPort?.postMessage(response);
});
