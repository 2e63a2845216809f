import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OpenAIApiError, badParameter, internalError, parseErrorBody } from './openai-error.js';

// Whatever error the test names, the server answers it as Hangar's handlers do: its status and its body.
let next: OpenAIApiError;
let server: Server;
let client: OpenAI;

beforeAll(async () => {
  server = createServer((req, res) => {
    req.resume();
    const body = JSON.stringify(next.toBody());
    res.writeHead(next.status, { 'content-type': 'application/json' });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  client = new OpenAI({ apiKey: 'unused', baseURL: `http://127.0.0.1:${port}/v1`, maxRetries: 0 });
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function sdkErrorFor(error: OpenAIApiError): Promise<InstanceType<typeof OpenAI.APIError>> {
  next = error;
  const caught = await client.chat.completions
    .create({ model: 'm', messages: [{ role: 'user', content: 'hi' }] })
    .then(
      () => null,
      (e: unknown) => e,
    );
  expect(caught).toBeInstanceOf(OpenAI.APIError);
  return caught as InstanceType<typeof OpenAI.APIError>;
}

describe('the OpenAI error body, as the official openai SDK reads it', () => {
  it('turns badParameter into a BadRequestError naming the parameter', async () => {
    const error = await sdkErrorFor(
      badParameter('temperature', "'temperature' is 3; this deployment accepts 0 to 2."),
    );
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect(error.status).toBe(400);
    expect(error.type).toBe('invalid_request_error');
    expect(error.param).toBe('temperature');
    expect(error.code).toBe('invalid_value');
    expect(error.message).toContain("'temperature' is 3; this deployment accepts 0 to 2.");
  });

  it('turns internalError into an InternalServerError with code internal_error', async () => {
    const error = await sdkErrorFor(internalError('The gateway failed unexpectedly; the error was logged.'));
    expect(error).toBeInstanceOf(OpenAI.InternalServerError);
    expect(error.status).toBe(500);
    expect(error.type).toBe('server_error');
    expect(error.param).toBeNull();
    expect(error.code).toBe('internal_error');
  });

  it.each([
    [401, 'authentication_error', OpenAI.AuthenticationError],
    [403, 'permission_error', OpenAI.PermissionDeniedError],
    [404, 'not_found_error', OpenAI.NotFoundError],
    [429, 'rate_limit_error', OpenAI.RateLimitError],
  ] as const)('maps status %i (%s) to the SDK error class for it', async (status, type, ErrorClass) => {
    const error = await sdkErrorFor(new OpenAIApiError(status, type, 'refused', null, 'some_code'));
    expect(error).toBeInstanceOf(ErrorClass);
    expect(error.status).toBe(status);
    expect(error.type).toBe(type);
    expect(error.code).toBe('some_code');
  });
});

describe('parseErrorBody', () => {
  it('reads back an error body with its fields and the given status', () => {
    const original = badParameter('messages[0].content', 'Only text content parts are supported.');
    const parsed = parseErrorBody(422, JSON.stringify(original.toBody()));
    expect(parsed).toBeInstanceOf(OpenAIApiError);
    expect(parsed!.status).toBe(422);
    expect(parsed!.toBody()).toEqual(original.toBody());
  });

  it('keeps a numeric code (as vLLM sends it) as a string and a foreign type as sent', () => {
    const parsed = parseErrorBody(
      400,
      JSON.stringify({ error: { message: 'too long', type: 'BadRequestError', param: null, code: 400 } }),
    );
    expect(parsed!.toBody()).toEqual({
      error: { message: 'too long', type: 'BadRequestError', param: null, code: '400' },
    });
  });

  it('returns null for a body that is not an OpenAI error', () => {
    expect(parseErrorBody(500, 'Internal Server Error')).toBeNull();
    expect(parseErrorBody(500, 'null')).toBeNull();
    expect(parseErrorBody(500, JSON.stringify({ detail: 'boom' }))).toBeNull();
    expect(parseErrorBody(500, JSON.stringify({ error: { message: '' } }))).toBeNull();
  });
});
