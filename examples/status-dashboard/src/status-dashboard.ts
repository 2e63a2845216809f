// Prints deployment status changes as they happen, over the same graphql-ws subscription the components use.
//
//   HANGAR_URL=http://localhost:4000 HANGAR_TOKEN=$(cat data/admin-token) npm start -w examples/status-dashboard
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';

const base = process.env.HANGAR_URL ?? 'http://localhost:4000';
const token = process.env.HANGAR_TOKEN;
if (!token) {
  console.error(
    'Set HANGAR_TOKEN to an access token (a fresh install writes the first one to data/admin-token).',
  );
  process.exit(2);
}

const client = createClient({
  url: new URL('/graphql', base).href.replace(/^http/, 'ws'),
  // Node 20 has no global WebSocket.
  webSocketImpl: WebSocket,
  connectionParams: { authorization: `Bearer ${token}` },
  retryAttempts: Infinity,
  shouldRetry: () => true,
  on: {
    connected: () => console.log(`connected to ${base}; waiting for status changes (Ctrl+C to stop)`),
    closed: () => console.log('connection closed; retrying…'),
  },
});

interface DeploymentUpdate {
  deploymentUpdated: {
    deploymentId: string;
    name: string;
    status: string;
    failureReason: string | null;
    model: { name: string };
  };
}

const lastStatus = new Map<string, string>();
const unsubscribe = client.subscribe<DeploymentUpdate>(
  {
    query: `subscription StatusDashboard {
      deploymentUpdated { deploymentId name status failureReason model { name } }
    }`,
  },
  {
    next: ({ data, errors }) => {
      if (errors?.length) console.error('error:', errors.map((e) => e.message).join('; '));
      const d = data?.deploymentUpdated;
      if (!d || lastStatus.get(d.deploymentId) === d.status) return;
      lastStatus.set(d.deploymentId, d.status);
      const reason = d.failureReason ? ` — ${d.failureReason}` : '';
      console.log(
        `${new Date().toISOString()}  ${d.status.padEnd(15)} ${d.name} (${d.deploymentId}, ${d.model.name})${reason}`,
      );
    },
    error: (error) => console.error('subscription failed:', error),
    complete: () => console.log('subscription completed'),
  },
);

process.on('SIGINT', () => {
  unsubscribe();
  void client.dispose();
  process.exit(0);
});
