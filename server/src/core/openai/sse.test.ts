import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import OpenAI from 'openai';
import { afterEach, describe, expect, it } from 'vitest';
import { badParameter } from './openai-error.js';
import { DONE_EVENT, SseBlockReader, errorEvent, eventData, sseComment, sseEvent } from './sse.js';

let server: Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

/** An openai SDK client against a server that writes `writes` as the body of a streamed chat completion. */
async function clientStreaming(writes: string[]): Promise<OpenAI> {
  server = createServer((req, res) => {
    req.resume();
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    for (const text of writes) res.write(text);
    res.end();
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return new OpenAI({ apiKey: 'unused', baseURL: `http://127.0.0.1:${port}/v1`, maxRetries: 0 });
}

const chunk = (content: string) =>
  JSON.stringify({
    id: 'c1',
    object: 'chat.completion.chunk',
    created: 0,
    model: 'm',
    choices: [{ index: 0, delta: { content }, logprobs: null, finish_reason: null }],
  });

const request = { model: 'm', messages: [{ role: 'user' as const, content: 'hi' }], stream: true as const };

describe('SSE framing, as the official openai SDK reads it', () => {
  it('yields every event, skips comments, and ends at [DONE] even when writes cut events in half', async () => {
    const framed =
      sseComment('keep-alive') +
      sseEvent(chunk('Hel')) +
      sseEvent(chunk('lo')) +
      DONE_EVENT +
      sseEvent(chunk('after the end'));
    const cut = framed.indexOf('lo"'); // inside the second event
    const client = await clientStreaming([framed.slice(0, cut), framed.slice(cut)]);
    const contents: (string | null | undefined)[] = [];
    for await (const part of await client.chat.completions.create(request))
      contents.push(part.choices[0]?.delta.content);
    expect(contents).toEqual(['Hel', 'lo']);
  });

  it('raises an error event as an APIError after the events before it', async () => {
    const failure = badParameter('response_format', 'output did not match', 'output_schema_mismatch');
    const client = await clientStreaming([sseEvent(chunk('{"a"')), errorEvent(failure)]);
    const contents: (string | null | undefined)[] = [];
    const caught = await (async () => {
      for await (const part of await client.chat.completions.create(request))
        contents.push(part.choices[0]?.delta.content);
    })().then(
      () => null,
      (e: unknown) => e,
    );
    expect(contents).toEqual(['{"a"']);
    expect(caught).toBeInstanceOf(OpenAI.APIError);
    const error = caught as InstanceType<typeof OpenAI.APIError>;
    expect(error.code).toBe('output_schema_mismatch');
    expect(error.param).toBe('response_format');
    expect(error.message).toContain('output did not match');
  });
});

describe('eventData', () => {
  it('reads the data of a block as the SSE spec defines it', () => {
    expect(eventData('data: {"a":1}')).toBe('{"a":1}');
    expect(eventData('data:{"a":1}')).toBe('{"a":1}');
    expect(eventData('data:  two spaces')).toBe(' two spaces');
    expect(eventData('data: [DONE]')).toBe('[DONE]');
    expect(eventData('data: line 1\ndata: line 2')).toBe('line 1\nline 2');
    expect(eventData('data')).toBe('');
    expect(eventData(': keep-alive\ndata: x')).toBe('x');
    expect(eventData('event: message\nid: 7\ndata: x')).toBe('x');
  });

  it('returns null for a block without data', () => {
    expect(eventData(': keep-alive')).toBeNull();
    expect(eventData('retry: 1000')).toBeNull();
    expect(eventData('database: not a data field')).toBeNull();
  });
});

describe('SseBlockReader', () => {
  const blocks = ['data: {"token":"é"}', ': comment', 'data: a\ndata: b', 'data: [DONE]'];

  function readAll(stream: string, cuts: number[]): string[] {
    const reader = new SseBlockReader();
    const read: string[] = [];
    let from = 0;
    for (const to of [...cuts, stream.length]) {
      reader.append(stream.slice(from, to));
      from = to;
      let block: string | null;
      while ((block = reader.next()) !== null) read.push(block);
    }
    return read;
  }

  it.each([
    ['LF', '\n'],
    ['CRLF', '\r\n'],
    ['CR', '\r'],
  ])('returns the same blocks with %s line ends, wherever the text is cut in two', (_name, eol) => {
    const stream = blocks.map((b) => b.replaceAll('\n', eol) + eol + eol).join('');
    for (let cut = 0; cut <= stream.length; cut++) expect(readAll(stream, [cut])).toEqual(blocks);
  });

  it('keeps an incomplete block until its blank line arrives', () => {
    const reader = new SseBlockReader();
    reader.append('data: {"par');
    expect(reader.next()).toBeNull();
    reader.append('tial":1}\n');
    expect(reader.next()).toBeNull();
    reader.append('\n');
    expect(reader.next()).toBe('data: {"partial":1}');
    expect(reader.next()).toBeNull();
  });
});
