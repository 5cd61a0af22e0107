import type { SendOutcome } from './channel-adapter';

/**
 * POSTs JSON to a provider and classifies the answer: 2xx sent, 408/429/5xx and network errors
 * worth a retry, any other 4xx a refusal that no retry will change.
 */
export async function postJson(
  url: string,
  headers: Record<string, string>,
  body: unknown,
  timeoutMs: number,
  readId: (answer: unknown) => string | null,
): Promise<SendOutcome> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    return { kind: 'retry', error: `network: ${(error as Error).message}` };
  }
  const text = await response.text().catch(() => '');
  if (response.ok) {
    let answer: unknown = null;
    try {
      answer = JSON.parse(text);
    } catch {
      // a gateway answering plain text has no id to give
    }
    const id = readId(answer);
    if (!id) return { kind: 'retry', error: `HTTP ${response.status} without a message id` };
    return { kind: 'sent', providerMessageId: id };
  }
  const detail = `HTTP ${response.status}: ${text.slice(0, 300)}`;
  if (response.status === 408 || response.status === 429 || response.status >= 500)
    return { kind: 'retry', error: detail };
  return { kind: 'rejected', error: detail };
}
