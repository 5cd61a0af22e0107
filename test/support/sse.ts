import { request } from 'node:http';

export interface SseMessage {
  id?: string;
  event?: string;
  data: unknown;
}

/** A minimal server-sent events client: collects messages until closed. */
export function openStream(url: string, headers: Record<string, string>) {
  const messages: SseMessage[] = [];
  let buffer = '';
  let answered: (status: number) => void = () => undefined;
  /** The HTTP status the server answered the stream request with. */
  const status = new Promise<number>((resolve) => (answered = resolve));
  const req = request(url, { headers: { accept: 'text/event-stream', ...headers } }, (res) => {
    answered(res.statusCode ?? 0);
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => {
      buffer += chunk;
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const message: SseMessage = { data: undefined };
        const data: string[] = [];
        for (const line of block.split('\n')) {
          if (line.startsWith('id:')) message.id = line.slice(3).trim();
          else if (line.startsWith('event:')) message.event = line.slice(6).trim();
          else if (line.startsWith('data:')) data.push(line.slice(5).trim());
        }
        if (data.length) message.data = JSON.parse(data.join('\n'));
        messages.push(message);
      }
    });
  });
  req.on('error', () => undefined);
  req.end();
  return { messages, status, close: () => req.destroy() };
}
