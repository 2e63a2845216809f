import type { IncomingMessage } from 'node:http';

/**
 * Reads a request body up to `limit` bytes; null as soon as it is larger (the caller answers 413). The rest of an
 * oversized body is read and discarded: destroying the request would reset the connection before the client
 * could read the 413.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) {
        chunks.push(chunk);
        return;
      }
      chunks.length = 0;
      req.off('data', onData);
      req.resume();
      resolve(null);
    };
    req.on('data', onData);
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
