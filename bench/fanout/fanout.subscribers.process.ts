/**
 * N graphql-ws subscribers in their own process (as many dashboards would be), each on its own WebSocket.
 * Messages: { open: n } → opens n more and answers { opened, ms }; { collect: i } → answers, once every
 * subscriber holds change i, with every subscriber's delivery latency for it.
 */
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

const [url, token, id] = process.argv.slice(2) as [string, string, string];
const ROW = `subscription($id: ID) { deploymentUpdated(deploymentId: $id) {
  id deploymentId name status description currentVersion updatedAt failureReason model { id name } } }`;

const now = () => performance.timeOrigin + performance.now();
const clients: Client[] = [];
/** Per change index: latencies (ms) of the subscribers that have it. */
const latencies = new Map<number, number[]>();
/** Per subscriber: how often it saw each change (duplicates show as 2). */
const seen: Map<number, number>[] = [];
let waiting: { change: number; resolve: () => void } | null = null;

function receive(subscriber: number, description: string) {
  const match = /^change (\d+) @([\d.]+)$/.exec(description);
  if (!match) return;
  const change = Number(match[1]);
  const counts = seen[subscriber]!;
  counts.set(change, (counts.get(change) ?? 0) + 1);
  if (counts.get(change) === 1) {
    let list = latencies.get(change);
    if (!list) latencies.set(change, (list = []));
    list.push(now() - Number(match[2]));
  }
  if (waiting && (latencies.get(waiting.change)?.length ?? 0) >= clients.length) waiting.resolve();
}

/** Opens in waves of this many, each waiting for its acks: a dashboard fleet does not connect in one tick. */
const WAVE = 100;

async function open(n: number) {
  const started = now();
  for (let done = 0; done < n; done += WAVE) await openWave(Math.min(WAVE, n - done));
  return now() - started;
}

async function openWave(n: number) {
  const acked: Promise<void>[] = [];
  for (let i = 0; i < n; i++) {
    const index = clients.length;
    seen.push(new Map());
    const client = createClient({
      url,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${token}` },
      retryAttempts: 0,
      lazy: false,
    });
    acked.push(new Promise((resolve) => client.on('connected', () => resolve())));
    client.subscribe<{ deploymentUpdated: { description: string } }>(
      { query: ROW, variables: { id } },
      {
        next: (value) => value.data && receive(index, value.data.deploymentUpdated.description),
        error: (error) => {
          const { code, reason } = error as { code?: number; reason?: string };
          console.error(`subscriber ${index} failed: ${code ?? ''} ${reason ?? String(error)}`);
          process.exit(1);
        },
        complete: () => undefined,
      },
    );
    clients.push(client);
  }
  await Promise.all(acked);
}

process.on('message', (message: { open?: number; collect?: number; summary?: number }) => {
  void (async () => {
    if (message.open !== undefined) {
      process.send?.({ opened: clients.length, ms: await open(message.open) });
    } else if (message.collect !== undefined) {
      const change = message.collect;
      if ((latencies.get(change)?.length ?? 0) < clients.length)
        await new Promise<void>((resolve) => (waiting = { change, resolve }));
      waiting = null;
      process.send?.({ latencies: latencies.get(change) ?? [] });
    } else if (message.summary !== undefined) {
      // Dropped: a subscriber without the last change; duplicated: any change seen twice by one subscriber.
      const last = message.summary;
      let duplicated = 0;
      let withoutLast = 0;
      for (const counts of seen) {
        for (const c of counts.values()) if (c > 1) duplicated++;
        if (!counts.has(last)) withoutLast++;
      }
      process.send?.({ duplicated, withoutLast });
    }
  })();
});
process.on('disconnect', () => {
  void Promise.all(clients.map((c) => c.dispose())).then(() => process.exit(0));
});
process.send?.({ ready: true });
