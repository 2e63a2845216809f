import { createApp } from './app.js';
import { configFromEnv } from './config.js';

const app = await createApp(configFromEnv());

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    // Replicas are stopped gracefully before the process exits: no orphan model servers.
    app.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}
