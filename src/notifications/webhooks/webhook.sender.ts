import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { guardedLookup } from './url-guard';

export interface SendResult {
  statusCode: number | null;
  error: string | null;
  durationMs: number;
  /** The receiver did not connect or did not answer in time: what the circuit breaker counts. */
  timedOut: boolean;
}

/**
 * One POST, no redirects followed (a 3xx is a failure: the receiver must give its final URL),
 * and the SSRF guard on the address actually connected to. Two clocks: a connection must be
 * made within `connectTimeoutMs` (short: an unreachable host is known fast), and the whole
 * exchange must end within `timeoutMs` — a deadline, not an idle timeout, so a receiver that
 * trickles a byte now and then cannot hold the slot longer.
 */
export function sendWebhook(
  url: string,
  headers: Record<string, string>,
  body: string,
  options: { timeoutMs: number; connectTimeoutMs: number; allowPrivate: boolean },
): Promise<SendResult> {
  const started = performance.now();
  const target = new URL(url);
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve) => {
    let settled = false;
    let timedOut = false;
    const timers: NodeJS.Timeout[] = [];
    const done = (statusCode: number | null, error: string | null) => {
      if (settled) return;
      settled = true;
      timers.forEach(clearTimeout);
      resolve({
        statusCode,
        error,
        durationMs: Math.round(performance.now() - started),
        timedOut,
      });
    };
    const req = send(
      target,
      {
        method: 'POST',
        headers: {
          ...headers,
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
        },
        lookup: guardedLookup(options.allowPrivate),
      },
      (res) => {
        res.resume(); // the body is not needed; drain it so the socket is released
        res.on('end', () => done(res.statusCode ?? null, null));
        res.on('error', (error) => done(res.statusCode ?? null, error.message));
      },
    );
    const giveUp = (message: string) => {
      timedOut = true;
      req.destroy(new Error(message));
    };
    timers.push(
      setTimeout(
        () => giveUp(`no connection within ${options.connectTimeoutMs} ms`),
        options.connectTimeoutMs,
      ),
      setTimeout(() => giveUp(`timed out after ${options.timeoutMs} ms`), options.timeoutMs),
    );
    req.on('socket', (socket) => {
      // A reused keep-alive socket is connected already.
      if (!socket.connecting) clearTimeout(timers[0]);
      else socket.once('connect', () => clearTimeout(timers[0]));
    });
    req.on('error', (error) => done(null, error.message));
    req.end(body);
  });
}
