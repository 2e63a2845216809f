import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { EventStream } from './event-stream.js';

let server: Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

/** Serves one streamed response produced by `produce` and returns the client's reads, with arrival times. */
async function readsOf(
  produce: (stream: EventStream) => Promise<void> | void,
  windowMs: number,
): Promise<{ text: string; at: number }[]> {
  server = createServer((_req, res) => void produce(new EventStream(res, windowMs)));
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    request({ host: '127.0.0.1', port, path: '/' }, (res) => {
      const reads: { text: string; at: number }[] = [];
      res.setEncoding('utf8');
      res.on('data', (text: string) => reads.push({ text, at: performance.now() - t0 }));
      res.on('end', () => resolve(reads));
    })
      .on('error', reject)
      .end();
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const events = (reads: { text: string }[]) =>
  reads
    .map((r) => r.text)
    .join('')
    .split('\n\n')
    .filter(Boolean);

describe('EventStream', () => {
  it('sends the first event at once and coalesces the ones that follow within the window', async () => {
    const reads = await readsOf(async (stream) => {
      stream.send({ token: 0 });
      await sleep(300);
      for (let i = 1; i <= 10; i++) {
        stream.send({ token: i });
        await sleep(20);
      }
      stream.done();
    }, 2000);
    // The first token did not wait for the 2 s window; the next ten, 20 ms apart, left together with [DONE].
    expect(reads[0]!.text).toBe('data: {"token":0}\n\n');
    expect(reads[0]!.at).toBeLessThan(1000);
    expect(reads.length).toBeLessThanOrEqual(3);
    expect(events(reads)).toEqual([
      ...Array.from({ length: 11 }, (_, i) => `data: {"token":${i}}`),
      'data: [DONE]',
    ]);
  });

  it('streams event by event when they come slower than the window', async () => {
    const reads = await readsOf(async (stream) => {
      for (let i = 0; i < 4; i++) {
        stream.send({ token: i });
        await sleep(60);
      }
      stream.done();
    }, 5);
    expect(reads.slice(0, 4).map((r) => r.text)).toEqual(
      Array.from({ length: 4 }, (_, i) => `data: {"token":${i}}\n\n`),
    );
  });

  it('keeps the events already produced when the stream ends with an error', async () => {
    const reads = await readsOf((stream) => {
      stream.send({ token: 0 });
      stream.send({ token: 1 });
      stream.end('data: {"error":{"message":"boom"}}\n\n');
    }, 2000);
    expect(events(reads)).toEqual([
      'data: {"token":0}',
      'data: {"token":1}',
      'data: {"error":{"message":"boom"}}',
    ]);
  });
});
