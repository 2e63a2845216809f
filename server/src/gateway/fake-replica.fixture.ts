import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the fake replica does with one request; the default answers at once with `Hello from <id>`. */
export interface FakeReply {
  content?: string;
  /** Wait this long before answering (or until the client goes away). */
  delayMs?: number;
  /** Drop the connection instead of answering (a replica dying mid-request). */
  destroy?: boolean;
  /**
   * Stream the first events whole, then each of the others in two writes a few ms apart, cut at its middle byte:
   * reads that start like an event but end inside one, or inside a UTF-8 character.
   */
  split?: boolean;
  /** Answer with this HTTP error status and an OpenAI-shaped error body (a broken model server). */
  errorStatus?: number;
}

export interface FakeReplica {
  id: string;
  baseUrl: string;
  /** Bodies received, in order. */
  received: Record<string, unknown>[];
  /** Requests whose client went away before the answer was complete (the gateway cancelled them). */
  aborted: number;
  /** Replies to use, in order, before falling back to `reply`. */
  script: FakeReply[];
  reply: (body: Record<string, unknown>) => FakeReply;
  close(): Promise<void>;
}

/** A minimal OpenAI-compatible model server over real HTTP, for gateway tests and the benchmark. */
export async function startFakeReplica(id: string): Promise<FakeReplica> {
  const replica: FakeReplica = {
    id,
    baseUrl: '',
    received: [],
    aborted: 0,
    script: [],
    reply: () => ({}),
    close: async () => {},
  };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
      replica.received.push(body);
      const reply = replica.script.shift() ?? replica.reply(body);
      if (reply.destroy) {
        req.socket.destroy();
        return;
      }
      let finished = false;
      res.on('close', () => {
        if (!finished) replica.aborted++;
      });
      const content = reply.content ?? `Hello from ${id}`;
      const answer = () => {
        if (res.destroyed) return;
        if (reply.errorStatus) {
          finished = true;
          const error = { message: `${id} failed`, type: 'server_error', param: null, code: null };
          res
            .writeHead(reply.errorStatus, { 'content-type': 'application/json' })
            .end(JSON.stringify({ error }));
          return;
        }
        const usage = { prompt_tokens: 7, completion_tokens: 3, total_tokens: 10 };
        const created = Math.floor(Date.now() / 1000);
        const isChat = req.url?.endsWith('/chat/completions');
        if (body.stream === true) {
          res.writeHead(200, { 'content-type': 'text/event-stream' });
          const pieces = content.match(/.{1,4}/gsu) ?? [''];
          const events = pieces.map((piece) => {
            const choice = isChat
              ? { index: 0, delta: { content: piece }, finish_reason: null }
              : { index: 0, text: piece, finish_reason: null };
            return `data: ${JSON.stringify({ id: 'c1', object: 'chat.completion.chunk', created, model: body.model, choices: [choice] })}\n\n`;
          });
          const options = body.stream_options as { include_usage?: boolean } | undefined;
          if (options?.include_usage) {
            events.push(
              `data: ${JSON.stringify({ id: 'c1', object: 'chat.completion.chunk', created, model: body.model, choices: [], usage })}\n\n`,
            );
          }
          events.push('data: [DONE]\n\n');
          if (!reply.split) {
            for (const event of events.slice(0, -1)) res.write(event);
            finished = true;
            res.end(events.at(-1));
            return;
          }
          const writes: (string | Buffer)[] = events.splice(0, events.length >> 1);
          for (const event of events.map((e) => Buffer.from(e))) {
            writes.push(event.subarray(0, event.length >> 1), event.subarray(event.length >> 1));
          }
          const next = () => {
            if (res.destroyed) return;
            const piece = writes.shift()!;
            if (writes.length === 0) {
              finished = true;
              res.end(piece);
            } else {
              res.write(piece);
              setTimeout(next, 3);
            }
          };
          next();
          return;
        }
        const choice = isChat
          ? { index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }
          : { index: 0, text: content, finish_reason: 'stop' };
        const json = JSON.stringify({
          id: 'c1',
          object: isChat ? 'chat.completion' : 'text_completion',
          created,
          model: body.model,
          choices: [choice],
          usage,
        });
        finished = true;
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(json) });
        res.end(json);
      };
      if (reply.delayMs) setTimeout(answer, reply.delayMs);
      else answer();
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  replica.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  replica.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return replica;
}
