// The minimal fast upstream: the same fake OpenAI-compatible replica the gateway tests use, in its own process.
import { startFakeReplica } from '../../server/src/gateway/fake-replica.fixture.js';

const replica = await startFakeReplica('bench');
process.send?.({ baseUrl: replica.baseUrl });
// Keep the request log from growing during the benchmark.
setInterval(() => (replica.received.length = 0), 1000).unref();
process.on('message', () => process.send?.({ cpu: process.cpuUsage() }));
process.on('disconnect', () => void replica.close().then(() => process.exit(0)));
