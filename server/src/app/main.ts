import { createApp } from './app.js';
import { configFromEnv } from './config.js';

const app = await createApp(configFromEnv());

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    // Replicas are stopped gracefully before the process exits: no orphan model servers.
    // A second for load balancers to see /healthz answer 503 before this instance closes its connections.
    app.close({ lingerMs: 1000 }).then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}
