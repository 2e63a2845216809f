import {
  execute,
  getArgumentValues,
  getOperationAST,
  getVariableValues,
  GraphQLError,
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  type FieldNode,
  type GraphQLField,
  type GraphQLSchema,
} from 'graphql';
import type { WebSocket } from 'ws';
import type { Logger } from '../core/logger.js';
import { SocketSender } from './live-sender.js';

/**
 * One pub/sub topic the fan-out listens to. Events of one topic with the same coalescing key that arrive within
 * one window go out once, as the latest state (the subscribed documents read the object when the batch runs).
 */
export interface LiveTopic<Payload = never> {
  topic: string;
  /** Events with equal keys inside one window collapse into one; null keeps every event (progress lines). */
  coalesceKey(payload: Payload): string | null;
  /** How two collapsed events combine (e.g. a creation followed by an edit is still a creation). Default: later. */
  merge?(earlier: Payload, later: Payload): Payload;
  /**
   * The object's phase (its status) as published. An event whose phase differs from the last one queued for its
   * key starts a batch at once instead of waiting out the window: the batch reads the state before it moves on.
   */
  phase?(payload: Payload): string | undefined;
  /** The project the event's object belongs to (null: shared by every project); visibility admits by it. */
  projectOf(payload: Payload): string | null;
}

/** A subscription root field served by the fan-out: which topic feeds it and which events concern its args. */
export interface LiveField<Payload = never, Args = never> {
  field: string;
  topic: string;
  /** The same predicate as the field's type-graphql `filter`, evaluated once per group, not per socket. */
  filter(input: { payload: Payload; args: Args }): boolean;
}

/** Erases a topic's payload type for the engine's list (the engine hands back only what the topic published). */
export function liveTopic<Payload>(topic: LiveTopic<Payload>): LiveTopic<unknown> {
  return topic as unknown as LiveTopic<unknown>;
}

export function liveField<Payload, Args>(field: LiveField<Payload, Args>): LiveField<unknown, unknown> {
  return field as unknown as LiveField<unknown, unknown>;
}

/**
 * What a subscriber may read, decided by the caller for a connection's identity: groups share an execution by
 * `key`, and an event reaches a group only when `admits` its project.
 */
export type Visibility<Identity> =
  { key: string; identity: Identity; admits(projectId: string | null): boolean } | GraphQLError;

export interface LiveFanoutOptions<Identity, Context> {
  schema: GraphQLSchema;
  topics: readonly LiveTopic<unknown>[];
  fields: readonly LiveField<unknown, unknown>[];
  /** The instance's event bus (Redis-backed across instances): subscribed once per topic, whatever the N. */
  subscribe(topic: string): AsyncIterable<unknown>;
  /** One place that decides visibility; subscribers with the same key share one execution. */
  visibility(identity: Identity | null): Visibility<Identity>;
  /** One read session per batch, shared by every group it executes (loaders batch across events and groups). */
  openBatch(): { contextFor(identity: Identity): Context; close?(): void };
  /** Coalescing window (ms). */
  windowMs: number;
  /** A socket whose unsent bytes exceed this is closed as too slow. */
  maxBufferedBytes: number;
  logger: Logger;
}

const TICKET = Symbol('live-ticket');
/** Phases remembered for change detection; a forgotten slot's next phase change waits one window. */
const MAX_REMEMBERED_PHASES = 10_000;

/** Handed from graphql-ws's `context` hook to `subscribe`: who subscribes, on which socket, under which id. */
export interface LiveTicket<Identity> {
  readonly [TICKET]: true;
  readonly socket: WebSocket;
  readonly id: string;
  readonly identity: Identity | null;
  /** Query text, operation name and raw variables: equal texts share a group without comparing ASTs. */
  readonly operationKey: string;
}

interface Group<Identity> {
  key: string;
  field: LiveField<unknown, unknown>;
  args: unknown;
  document: DocumentNode;
  operationName: string | undefined;
  variableValues: Record<string, unknown> | undefined;
  identity: Identity;
  admits(projectId: string | null): boolean;
  /** socket → the subscription ids it holds in this group (one socket may subscribe the same document twice). */
  members: Map<WebSocket, Set<string>>;
}

interface PendingEvent {
  topic: string;
  payload: unknown;
}

/**
 * Serves subscriptions without graphql-ws's per-subscriber execution: subscribers of equal (document, variables,
 * visibility) form a group; per batch of events each concerned group is executed once and the serialized `next`
 * message is written to all its sockets, in slices that yield to the event loop. graphql-ws still owns the
 * protocol (ack, ids, complete, close on dispose): `subscribe` returns an iterator that never yields, whose
 * `return()` leaves the group.
 */
export class LiveFanout<Identity, Context> {
  private readonly groups = new Map<string, Group<Identity>>();
  private readonly fieldByName = new Map<string, LiveField<unknown, unknown>>();
  private readonly topicByName = new Map<string, LiveTopic<unknown>>();
  /** Coalesced events, in arrival order of their first occurrence. */
  private pending = new Map<string, PendingEvent>();
  private sequence = 0;
  /** The last phase queued per coalescing slot (bounded: the oldest slots are forgotten first). */
  private readonly phases = new Map<string, string>();
  private timer: NodeJS.Timeout | null = null;
  private lastBatchAt = 0;
  private running: Promise<void> | null = null;
  private readonly sender: SocketSender;
  private readonly listeners: AsyncIterator<unknown>[] = [];
  private closed = false;

  constructor(private readonly options: LiveFanoutOptions<Identity, Context>) {
    for (const field of options.fields) this.fieldByName.set(field.field, field);
    for (const topic of options.topics) this.topicByName.set(topic.topic, topic);
    const subscriptionType = options.schema.getSubscriptionType();
    for (const name of Object.keys(subscriptionType?.getFields() ?? {})) {
      if (!this.fieldByName.has(name))
        throw new Error(
          `Subscription.${name} has no LiveField: list it with the fan-out's fields (app/live.ts).`,
        );
    }
    this.sender = new SocketSender({
      maxBufferedBytes: options.maxBufferedBytes,
      onCutOff: (socket) => this.leaveAll(socket),
    });
    for (const topic of this.topicByName.keys()) this.listen(topic);
  }

  /** For graphql-ws's `context` hook: a subscription gets a ticket instead of a request context. */
  ticket(
    socket: WebSocket,
    id: string,
    identity: Identity | null,
    payload: {
      query: string;
      operationName?: string | null;
      variables?: Record<string, unknown> | null;
    },
  ): LiveTicket<Identity> {
    const operationKey = `${payload.operationName ?? ''}\u0000${JSON.stringify(payload.variables ?? {})}\u0000${payload.query}`;
    return { [TICKET]: true, socket, id, identity, operationKey };
  }

  /** graphql-ws's `subscribe` option. */
  subscribe = (args: ExecutionArgs): ExecutionResult | AsyncGenerator<ExecutionResult> => {
    const ticket = args.contextValue as Partial<LiveTicket<Identity>> | undefined;
    if (!ticket?.[TICKET] || !ticket.socket || !ticket.id)
      return { errors: [new GraphQLError('Subscriptions are served by the live fan-out only.')] };
    const visibility = this.options.visibility(ticket.identity ?? null);
    if (visibility instanceof GraphQLError) return { errors: [visibility] };
    const prepared = this.prepare(args);
    if (!('field' in prepared)) return prepared;
    const key = `${visibility.key}\u0000${ticket.operationKey}`;
    let group = this.groups.get(key);
    if (!group) {
      group = {
        key,
        field: prepared.field,
        args: prepared.args,
        operationName: args.operationName ?? undefined,
        variableValues: (args.variableValues as Record<string, unknown> | undefined) ?? undefined,
        document: args.document,
        identity: visibility.identity,
        admits: visibility.admits,
        members: new Map(),
      };
      this.groups.set(key, group);
    }
    const ids = group.members.get(ticket.socket) ?? new Set<string>();
    ids.add(ticket.id);
    group.members.set(ticket.socket, ids);
    return this.membership(group, ticket.socket, ticket.id);
  };

  /** Subscriptions held now (tests, benchmarks). */
  get subscriberCount(): number {
    let n = 0;
    for (const group of this.groups.values()) for (const ids of group.members.values()) n += ids.size;
    return n;
  }

  get groupCount(): number {
    return this.groups.size;
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    await Promise.all(this.listeners.map((listener) => listener.return?.()));
    await this.running;
  }

  private prepare(
    args: ExecutionArgs,
  ): { field: LiveField<unknown, unknown>; args: unknown } | ExecutionResult {
    const operation = getOperationAST(args.document, args.operationName);
    const fieldNode = operation?.selectionSet.selections.find((s): s is FieldNode => s.kind === 'Field');
    const field = fieldNode && this.fieldByName.get(fieldNode.name.value);
    const fieldDef =
      fieldNode && this.options.schema.getSubscriptionType()?.getFields()[fieldNode.name.value];
    if (!operation || !fieldNode || !field || !fieldDef)
      return { errors: [new GraphQLError('A subscription must select one field of Subscription.')] };
    const variables = getVariableValues(
      this.options.schema,
      operation.variableDefinitions ?? [],
      (args.variableValues as Record<string, unknown>) ?? {},
    );
    if (variables.errors) return { errors: variables.errors };
    return {
      field,
      args: getArgumentValues(fieldDef as GraphQLField<unknown, unknown>, fieldNode, variables.coerced),
    };
  }

  /** The iterator graphql-ws holds for one subscription: it never yields; `return()` leaves the group. */
  private membership(group: Group<Identity>, socket: WebSocket, id: string): AsyncGenerator<ExecutionResult> {
    let finish: ((result: IteratorResult<ExecutionResult>) => void) | null = null;
    let done = false;
    const leave = () => {
      if (done) return;
      done = true;
      const ids = group.members.get(socket);
      ids?.delete(id);
      if (ids && ids.size === 0) group.members.delete(socket);
      if (group.members.size === 0 && this.groups.get(group.key) === group) this.groups.delete(group.key);
      finish?.({ done: true, value: undefined });
    };
    const iterator: AsyncGenerator<ExecutionResult> = {
      next: () =>
        done
          ? Promise.resolve({ done: true, value: undefined })
          : new Promise((resolve) => {
              finish = resolve;
            }),
      return: async () => {
        leave();
        return { done: true, value: undefined };
      },
      throw: async (error) => {
        leave();
        throw error;
      },
      [Symbol.asyncIterator]() {
        return iterator;
      },
    };
    return iterator;
  }

  /** A cut-off socket leaves every group at once; graphql-ws's `return()` calls later find nothing to do. */
  private leaveAll(socket: WebSocket): void {
    for (const group of this.groups.values()) {
      if (group.members.delete(socket) && group.members.size === 0) this.groups.delete(group.key);
    }
  }

  private listen(topic: string): void {
    const iterator = this.options.subscribe(topic)[Symbol.asyncIterator]();
    this.listeners.push(iterator);
    void (async () => {
      for (;;) {
        const next = await iterator.next();
        if (next.done || this.closed) return;
        this.enqueue(topic, next.value);
      }
    })().catch((error: unknown) =>
      this.options.logger.error({ err: error, topic }, 'live fan-out lost its topic'),
    );
  }

  private enqueue(topicName: string, payload: unknown): void {
    const topic = this.topicByName.get(topicName)!;
    const key = topic.coalesceKey(payload);
    const slot = key === null ? `${topicName}\u0000#${this.sequence++}` : `${topicName}\u0000${key}`;
    const earlier = this.pending.get(slot);
    this.pending.set(slot, {
      topic: topicName,
      payload: earlier ? (topic.merge ? topic.merge(earlier.payload, payload) : payload) : payload,
    });
    this.schedule(key !== null && this.phaseChanged(slot, topic.phase?.(payload)));
  }

  private phaseChanged(slot: string, phase: string | undefined): boolean {
    if (phase === undefined) return false;
    const previous = this.phases.get(slot);
    this.phases.delete(slot);
    this.phases.set(slot, phase);
    if (this.phases.size > MAX_REMEMBERED_PHASES) this.phases.delete(this.phases.keys().next().value!);
    return previous !== undefined && previous !== phase;
  }

  /**
   * Leading and trailing edge: an event after a quiet window goes out at once (its state is read before it
   * moves on); events during the window wait for its end and go out as the latest. A change of phase does not
   * wait: otherwise a phase shorter than the window (VALIDATING a small file) would never be seen.
   */
  private schedule(urgent = false): void {
    if (this.closed) return;
    if (this.timer) {
      if (!urgent) return;
      clearTimeout(this.timer);
    }
    const wait = urgent ? 0 : Math.max(0, this.lastBatchAt + this.options.windowMs - Date.now());
    this.timer = setTimeout(() => {
      this.timer = null;
      // Batches never overlap: events that arrive during one wait for the next, so the last state always goes out.
      const previous = this.running ?? Promise.resolve();
      this.running = previous.then(() => this.flush());
    }, wait);
  }

  private async flush(): Promise<void> {
    this.lastBatchAt = Date.now();
    const events = [...this.pending.values()];
    this.pending = new Map();
    if (events.length === 0 || this.groups.size === 0) return;
    const batch = this.options.openBatch();
    try {
      const work: { group: Group<Identity>; result: Promise<string | null> }[] = [];
      for (const event of events) {
        const projectId = this.topicByName.get(event.topic)!.projectOf(event.payload);
        for (const group of this.groups.values()) {
          if (group.field.topic !== event.topic) continue;
          if (!group.admits(projectId)) continue;
          if (!group.field.filter({ payload: event.payload, args: group.args })) continue;
          work.push({ group, result: this.run(group, event.payload, batch.contextFor(group.identity)) });
        }
      }
      // Started together so that the loaders see every group's reads in one tick and batch them.
      const serialized = await Promise.all(work.map((w) => w.result));
      for (let i = 0; i < work.length; i++) {
        const payloadJson = serialized[i];
        if (payloadJson === null || payloadJson === undefined) continue;
        await this.sender.deliver(work[i]!.group.members, payloadJson);
      }
    } catch (error) {
      this.options.logger.error({ err: error }, 'live fan-out batch failed');
    } finally {
      batch.close?.();
    }
  }

  private async run(
    group: Group<Identity>,
    rootValue: unknown,
    contextValue: Context,
  ): Promise<string | null> {
    const result = await execute({
      schema: this.options.schema,
      document: group.document,
      operationName: group.operationName,
      variableValues: group.variableValues,
      rootValue,
      contextValue,
    });
    for (const error of result.errors ?? [])
      this.options.logger.warn({ err: error, field: group.field.field }, 'GraphQL subscription error');
    return JSON.stringify(result);
  }
}
