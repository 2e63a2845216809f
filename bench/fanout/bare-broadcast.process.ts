/**
 * The floor of the fan-out benchmark: a bare `ws` server that speaks just enough graphql-ws (ack, subscribe ids)
 * for the same subscriber process, and on { broadcast: k } writes one `next` frame of the size Hangar sends to every
 * socket in a plain loop. No GraphQL, no database, no authentication: what delivering to N sockets costs on this
 * machine with the load generator on the same cores.
 */
import { WebSocketServer, type WebSocket } from 'ws';

const subscriptions = new Map<WebSocket, string>();
const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
server.on('connection', (socket) => {
  socket.on('message', (data) => {
    const message = JSON.parse(String(data)) as { type: string; id?: string };
    if (message.type === 'connection_init') socket.send('{"type":"connection_ack"}');
    else if (message.type === 'subscribe' && message.id) subscriptions.set(socket, message.id);
    else if (message.type === 'complete') subscriptions.delete(socket);
  });
  socket.on('close', () => subscriptions.delete(socket));
});
await new Promise<void>((resolve) => server.once('listening', () => resolve()));

/** The row Hangar's fan-out sends (same fields, same order, similar values). */
const row = (description: string) => ({
  data: {
    deploymentUpdated: {
      id: 'RGVwbG95bWVudDowMTkzZjAxMi0wMDAwLTcwMDAtODAwMC0wMDAwMDAwMDAwMDA',
      deploymentId: 'fan-out-bench-1a2b3c',
      name: 'Fan-out bench',
      status: 'DEPLOYED',
      description,
      currentVersion: 1,
      updatedAt: new Date().toISOString(),
      failureReason: null,
      model: { id: 'TW9kZWw6MDE5M2YwMTItMDAwMC03MDAwLTgwMDAtMDAwMDAwMDAwMDAw', name: 'Demo' },
    },
  },
});

process.on('message', (message: { broadcast?: string; count?: boolean }) => {
  if (message.broadcast !== undefined) {
    const payload = JSON.stringify(row(message.broadcast));
    const frames = new Map<string, Buffer>();
    for (const [socket, id] of subscriptions) {
      let frame = frames.get(id);
      if (!frame)
        frames.set(
          id,
          (frame = Buffer.from(`{"id":${JSON.stringify(id)},"type":"next","payload":${payload}}`)),
        );
      socket.send(frame, { binary: false, compress: false });
    }
  }
  process.send?.({ subscribers: subscriptions.size });
});
process.on('disconnect', () => server.close(() => process.exit(0)));
process.send?.({ port: (server.address() as { port: number }).port });
