import http from 'node:http';

export interface StreamTiming {
  completionTokens: number;
  /** From sending the request to the first event carrying text. */
  firstTokenMs: number;
  totalMs: number;
  /** Reads that carried at least one whole event: how many writes the tokens came in. */
  reads: number;
}

/**
 * A lean streaming client for the tokens/s benchmark: POSTs a streamed completion and parses every SSE event's
 * JSON, as any client must, without the openai SDK's per-event async-iterator cost (≈ 0.3 ms per event
 * measured here, which on 2 cores would compete with the server it measures). The SDK itself is covered by the
 * gateway end-to-end tests.
 */
export function streamCompletion(baseUrl: string, apiKey: string, body: object): Promise<StreamTiming> {
  return new Promise((resolve, reject) => {
    const payload = JSON.stringify({ ...body, stream: true, stream_options: { include_usage: true } });
    const t0 = performance.now();
    let firstTokenMs = 0;
    let completionTokens = -1;
    let pending = '';
    let reads = 0;
    const req = http.request(
      `${baseUrl}/completions`,
      {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(payload),
          authorization: `Bearer ${apiKey}`,
        },
      },
      (res) => {
        if (res.statusCode !== 200) {
          res.resume();
          return reject(new Error(`status ${res.statusCode}`));
        }
        res.setEncoding('utf8');
        res.on('data', (text: string) => {
          pending += text;
          let boundary;
          if (pending.includes('\n\n')) reads++;
          while ((boundary = pending.indexOf('\n\n')) >= 0) {
            const block = pending.slice(0, boundary);
            pending = pending.slice(boundary + 2);
            // Comment lines (`: hangar starting replica` while a cold start holds the request) carry no data.
            if (!block.startsWith('data: ')) continue;
            const data = block.slice(6);
            if (data === '[DONE]') continue;
            const event = JSON.parse(data) as {
              choices: { text?: string }[];
              usage?: { completion_tokens: number };
            };
            if (!firstTokenMs && event.choices[0]?.text) firstTokenMs = performance.now() - t0;
            if (event.usage) completionTokens = event.usage.completion_tokens;
          }
        });
        res.on('end', () =>
          completionTokens < 0
            ? reject(new Error('the stream ended without a usage event'))
            : resolve({ completionTokens, firstTokenMs, totalMs: performance.now() - t0, reads }),
        );
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}
