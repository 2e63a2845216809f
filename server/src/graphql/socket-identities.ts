import type { WebSocket } from 'ws';

/**
 * Who is on each WebSocket, established once when the connection opens, and which sockets hang on each
 * credential (a token, a user), so that revoking one closes its sockets on this instance.
 */
const MAX_TIMER_MS = 2 ** 31 - 1;

export class SocketIdentities<Identity> {
  private readonly bySocket = new WeakMap<WebSocket, Identity | null>();
  private readonly byCredential = new Map<string, Set<WebSocket>>();

  /** `credentialsOf` names what, when revoked, ends a connection (e.g. `token:<id>`, `user:<id>`). */
  constructor(private readonly credentialsOf: (identity: Identity) => readonly string[]) {}

  remember(socket: WebSocket, identity: Identity | null): void {
    this.bySocket.set(socket, identity);
    if (!identity) return;
    const credentials = this.credentialsOf(identity);
    for (const credential of credentials) {
      let sockets = this.byCredential.get(credential);
      if (!sockets) this.byCredential.set(credential, (sockets = new Set()));
      sockets.add(socket);
    }
    socket.once('close', () => {
      for (const credential of credentials) {
        const sockets = this.byCredential.get(credential);
        sockets?.delete(socket);
        if (sockets?.size === 0) this.byCredential.delete(credential);
      }
    });
  }

  /**
   * Closes `socket` when its credential expires: a subscription must not outlive the JWT that opened it (the
   * client reconnects with a fresh one). Long waits are re-armed in steps, as timers hold at most ~24 days.
   */
  closeAt(socket: WebSocket, expiresAt: number, code: number, reason: string): void {
    const arm = (): void => {
      const wait = expiresAt - Date.now();
      if (wait <= 0) {
        socket.close(code, reason);
        return;
      }
      timer = setTimeout(arm, Math.min(wait, MAX_TIMER_MS));
      timer.unref();
    };
    let timer: NodeJS.Timeout | undefined;
    socket.once('close', () => clearTimeout(timer));
    arm();
  }

  /** Undefined for a socket that has not finished connecting. */
  identityOf(socket: WebSocket): Identity | null | undefined {
    return this.bySocket.get(socket);
  }

  /** Closes every socket opened with `credential`; returns how many. */
  closeAll(credential: string, code: number, reason: string): number {
    const sockets = this.byCredential.get(credential);
    if (!sockets) return 0;
    this.byCredential.delete(credential);
    for (const socket of sockets) socket.close(code, reason);
    return sockets.size;
  }

  get connectionCount(): number {
    let n = 0;
    for (const sockets of this.byCredential.values()) n += sockets.size;
    return n;
  }
}
