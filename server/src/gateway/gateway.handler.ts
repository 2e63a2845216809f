import type { IncomingMessage, ServerResponse } from 'node:http';
import { isPromise } from '../core/awaitable.js';
import { MAX_REQUEST_BODY_BYTES, OpenAIApiError, internalError } from '../core/openai/openai-error.js';
import { modelList } from '../core/openai/openai-wire.js';
import type { GatewayDeps } from './gateway.deps.js';
import {
  clientClosed,
  deploymentNotFound,
  instanceDraining,
  keyRefused,
  refuseUndeployed,
  rateLimited,
  sendError,
  timeoutError,
} from './gateway.errors.js';
import { createAdmission, type Admission } from './gateway.admission.js';
import { CallAbort } from './call-signal.js';
import { forwardCompletion, type Forwarding } from './gateway.forward.js';
import { createGatewayMetrics, type UsageRecord } from './gateway.metrics.js';
import { createRateLimiter } from './gateway.rate-limit.js';
import {
  ROUTE,
  bearerSecret,
  checkCompletionRequest,
  checkRoute,
  endpointOf,
  parseJsonObject,
  readBody,
} from './gateway.request.js';
import { createRouter } from './gateway.router.js';
import { COLD_START_HEADER, createColdStartHold, hasServingReplica } from './cold-start.js';
import { shareRouter } from './gateway.shared-router.js';

export type { ApiKeyVerdict, GatewayDeployment, GatewayDeps, GatewayLogger } from './gateway.deps.js';
export { TOOLS_PRECEDENCE_WARNING } from './gateway.request.js';

/**
 * The OpenAI-compatible endpoints of every deployment. Returns a node:http handler that resolves true when it
 * answered the request (its path is a gateway path) and false otherwise, plus the router's load and metrics.
 */
export function createGateway(deps: GatewayDeps) {
  const localRouter = createRouter({
    replicas: deps.replicas,
    queueFactor: deps.queueFactor,
    maxQueue: deps.maxQueue,
    routing: deps.routing,
  });
  const { shared } = deps;
  const router = shared ? shareRouter(localRouter, { ...deps, shared }) : localRouter;
  const forwarding: Forwarding = { router, logger: deps.logger };
  const limiter = createRateLimiter();
  /** The fleet's bucket when shared; this instance's own while Redis cannot answer (logged). */
  const takeRequest = async (keyId: string, perMinute: number): Promise<number> => {
    if (!shared) return limiter.take(keyId, perMinute);
    try {
      return await shared.take(keyId, perMinute);
    } catch (error) {
      deps.logger.warn({ err: error }, 'shared rate limits unreachable; limiting per instance');
      return limiter.take(keyId, perMinute);
    }
  };
  const metrics = deps.metrics ?? createGatewayMetrics();
  const maxBodyBytes = deps.maxBodyBytes ?? MAX_REQUEST_BODY_BYTES;
  const coldStarts = createColdStartHold();
  /** When each deployment last had a completion request start or end (ms since the epoch): its idle clock. */
  const lastActivity = new Map<string, number>();

  /** Requests this handler is answering, and who waits for them to end (drain). */
  let active = 0;
  let draining = false;
  let onIdle: (() => void) | undefined;

  function finish(record: UsageRecord | null, started: number) {
    if (!record) return;
    record.latencyMs = performance.now() - started;
    metrics.record(record);
    try {
      deps.onUsage?.(record);
    } catch (error) {
      deps.logger.error({ err: error }, 'onUsage failed');
    }
  }

  /** Charges a pending admission after `error`: its 429 if refused, else `error` (or what settling threw). */
  async function settled(admission: Admission, error: unknown): Promise<unknown> {
    try {
      await admission.settle();
      return error;
    } catch (refused) {
      return refused;
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const url = req.url ?? '';
    if (!url.startsWith('/api/v')) return false;
    const match = ROUTE.exec(url.split('?', 1)[0]!);
    if (!match) return false;
    const [, version, deploymentId, tail] = match as unknown as [string, string, string, string];
    const endpoint = endpointOf(tail);
    if (draining) {
      sendError(res, instanceDraining(), {});
      return true;
    }
    active++;
    const started = performance.now();
    let record: UsageRecord | null = null;
    let admission: Admission | undefined;
    const headers: Record<string, string> = {};
    const controller = new CallAbort();
    let timer: NodeJS.Timeout | undefined;
    const onClose = () => {
      if (!res.writableFinished) controller.abort(clientClosed());
    };
    try {
      checkRoute(endpoint, version, req.method, deploymentId, tail, url);
      const secret = bearerSecret(req);
      const found = deps.lookupDeployment(deploymentId);
      const deployment = isPromise(found) ? await found : found;
      if (!deployment) throw deploymentNotFound(deploymentId);
      const verdictOrPromise = deps.verifyApiKey(deploymentId, secret);
      const verdict = isPromise(verdictOrPromise) ? await verdictOrPromise : verdictOrPromise;
      if (!verdict.ok)
        throw verdict.status === 404
          ? deploymentNotFound(deploymentId)
          : keyRefused(verdict.status, verdict.message);
      refuseUndeployed(deployment);
      record = {
        deploymentId,
        keyId: verdict.keyId,
        endpoint,
        stream: false,
        status: 200,
        promptTokens: 0,
        completionTokens: 0,
        latencyMs: 0,
        at: new Date(),
      };
      // A spent budget is refused before the rate limit is charged: no retry can help it this month.
      const spent =
        endpoint === 'models' ? null : deps.budgets?.refusal({ keyId: verdict.keyId, deploymentId });
      if (spent) throw spent;
      if (verdict.rateLimitPerMinute && shared && endpoint !== 'models') {
        // With Redis the charge rides with the replica slot (one round trip); it is settled alone wherever no slot
        // is asked for at once, and before any other answer, so a refused request still gets 429 first.
        admission = createAdmission(verdict.keyId, verdict.rateLimitPerMinute, {
          shared: takeRequest,
          local: (keyId, perMinute) => limiter.take(keyId, perMinute),
        });
      } else if (verdict.rateLimitPerMinute) {
        const wait = await takeRequest(verdict.keyId, verdict.rateLimitPerMinute);
        if (wait > 0) throw rateLimited(verdict.rateLimitPerMinute, wait);
      }
      if (endpoint === 'models') {
        const body = JSON.stringify(
          modelList(deployment.modelName, Math.floor(Date.now() / 1000), deployment.adapters),
        );
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
        res.end(body);
        return true;
      }

      const timeoutSeconds = deployment.endpointTimeoutSeconds;
      timer = setTimeout(() => controller.abort(timeoutError(timeoutSeconds)), timeoutSeconds * 1000);
      res.on('close', onClose);

      lastActivity.set(deploymentId, Date.now());
      const body = parseJsonObject(await readBody(req, maxBodyBytes));
      const structured = checkCompletionRequest(endpoint, body, deployment, headers);
      if (deps.coldStarter && !hasServingReplica(deps.replicas(deploymentId))) {
        // A request held through a cold start is charged before it waits, as it was before the hold.
        if (admission && !deps.replicas(deploymentId).some((r) => r.status === 'READY'))
          await admission.settle();
        const streamed = body.stream === true;
        const waitedMs = await coldStarts.hold({
          deployment,
          replicas: deps.replicas,
          coldStarter: deps.coldStarter,
          signal: controller,
          stream: streamed ? { res, headers } : null,
        });
        if (waitedMs > 0 && !streamed) headers[COLD_START_HEADER] = String(waitedMs);
      }
      await forwardCompletion(
        forwarding,
        {
          deployment,
          endpoint,
          body,
          structured,
          headers,
          signal: controller,
          record,
          clientWantsUsage: false,
          admission,
        },
        res,
      );
    } catch (thrown) {
      // Refused before its charge was settled (a bad body, a replica gone): the key's budget comes first still.
      const caught = admission && !admission.settled ? await settled(admission, thrown) : thrown;
      const error =
        caught instanceof OpenAIApiError
          ? caught
          : internalError('The gateway failed unexpectedly; the error was logged.');
      if (!(caught instanceof OpenAIApiError))
        deps.logger.error({ err: caught, deploymentId }, 'gateway request failed');
      if (record) {
        record.status = res.headersSent ? res.statusCode : error.status;
        record.error = error.code ?? error.type;
      }
      if (error.status !== 499) sendError(res, error, headers);
      else if (!res.writableEnded) res.destroy();
    } finally {
      if (timer) clearTimeout(timer);
      if (record && endpoint !== 'models') lastActivity.set(deploymentId, Date.now());
      res.off('close', onClose);
      finish(record, started);
      if (--active === 0) onIdle?.();
    }
    return true;
  }

  return Object.assign(handle, {
    /** In-flight and queued requests of a deployment on this instance. */
    load: (deploymentId: string) => router.load(deploymentId),
    /** The same across the fleet when counts are shared (Redis; this instance's own if it cannot answer). */
    async fleetLoad(deploymentId: string): Promise<{ inFlight: number; queued: number }> {
      const local = router.load(deploymentId);
      if (!shared) return local;
      return shared.load(deploymentId).catch(() => local);
    },
    replicasChanged: (deploymentId: string) => {
      coldStarts.replicasChanged(deploymentId, deps.replicas);
      router.replicasChanged(deploymentId);
    },
    /** When a completion request of the deployment last started or ended (ms since the epoch), if ever. */
    lastActivity: (deploymentId: string): number | undefined => lastActivity.get(deploymentId),
    metrics,
    /**
     * Graceful stop: new requests get 503 `instance_draining` with Retry-After; resolves once those in flight have
     * ended, or after `timeoutMs` (they are then cut by the server's close).
     */
    drain(timeoutMs: number): Promise<void> {
      draining = true;
      if (active === 0) return Promise.resolve();
      return new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, timeoutMs);
        timer.unref();
        onIdle = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    },
    close: () => router.close(),
  });
}

export type Gateway = ReturnType<typeof createGateway>;
