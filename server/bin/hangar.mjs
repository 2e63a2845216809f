#!/usr/bin/env node
// `hangar import model.zip [--adapter --base <modelId>] [--server URL] [--token T]`: uploads a model archive over
// tus (resumable: an interrupted run continues where it stopped when started again) and imports it.
import { SingleBar, Presets } from 'cli-progress';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import { FileUrlStorage, Upload } from 'tus-js-client';

const USAGE = `Usage: hangar import <model.zip> [options]

Uploads a model archive to Hangar (resumable) and imports it.

Options:
  --adapter              the archive is an adapter (needs --base)
  --base <modelId>       the base model an adapter applies to (its ID from the models list)
  --description <text>   model description
  --tags <a,b,c>         model tags
  --server <url>         Hangar server (default $HANGAR_URL or http://localhost:4000)
  --token <token>        access token (default $HANGAR_TOKEN)
  --state <file>         where unfinished uploads are remembered (default ~/.hangar-uploads.json)
  --chunk-size <bytes>   bytes per request (default 50 MB)
  --no-wait              do not wait for validation to finish
`;

function fail(message, code = 1) {
  process.stderr.write(`hangar: ${message}\n`);
  process.exit(code);
}

async function main() {
  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: {
        adapter: { type: 'boolean', default: false },
        base: { type: 'string' },
        description: { type: 'string' },
        tags: { type: 'string' },
        server: { type: 'string', default: process.env.HANGAR_URL ?? 'http://localhost:4000' },
        token: { type: 'string', default: process.env.HANGAR_TOKEN },
        state: { type: 'string', default: join(homedir(), '.hangar-uploads.json') },
        'chunk-size': { type: 'string', default: String(50 * 1024 * 1024) },
        'no-wait': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    fail(`${error.message}\n\n${USAGE}`, 2);
  }
  const { values, positionals } = parsed;
  if (values.help || positionals[0] !== 'import' || positionals.length !== 2) {
    process.stdout.write(USAGE);
    process.exit(values.help ? 0 : 2);
  }
  const file = positionals[1];
  const name = basename(file);
  if (!/\.zip$/i.test(name) || name.length <= 4) {
    fail(`"${name}" is not a .zip archive. Put the model files into a .zip and import that.`, 2);
  }
  if (values.adapter && !values.base)
    fail('--adapter needs --base <modelId>: the base model it was trained on.', 2);
  if (!values.adapter && values.base) fail('--base is only for adapters; add --adapter.', 2);
  if (!values.token) fail('an access token is needed: --token or $HANGAR_TOKEN.', 2);
  const chunkSize = Number(values['chunk-size']);
  if (!Number.isInteger(chunkSize) || chunkSize < 1)
    fail('--chunk-size must be a positive number of bytes.', 2);
  const server = values.server.replace(/\/+$/, '');
  const size = (await stat(file).catch(() => fail(`cannot read ${file}.`))).size;
  const authorization = `Bearer ${values.token}`;

  const uploadId = await upload({ file, name, size, server, authorization, chunkSize, state: values.state });
  const model = await graphql(server, authorization, IMPORT, {
    input: {
      uploadId,
      kind: values.adapter ? 'ADAPTER' : 'BASE',
      ...(values.base ? { baseModelId: values.base } : {}),
      ...(values.description ? { description: values.description } : {}),
      ...(values.tags
        ? {
            tags: values.tags
              .split(',')
              .map((t) => t.trim())
              .filter(Boolean),
          }
        : {}),
    },
  }).then((data) => {
    const { model, userErrors } = data.importModel;
    if (userErrors.length) fail(`the import was refused: ${userErrors.map((e) => e.message).join(' ')}`);
    return model;
  });
  process.stdout.write(`Importing as "${model.name}" (${model.id}).\n`);
  if (values['no-wait']) return;
  let last = '';
  for (;;) {
    const { model: current } = await graphql(server, authorization, STATUS, { id: model.id });
    if (current.status !== last) {
      last = current.status;
      if (last === 'VALIDATING') process.stdout.write('Validating…\n');
    }
    if (current.status === 'READY_TO_DEPLOY') {
      process.stdout.write(`Ready to deploy: ${current.name} (${current.format}).\n`);
      return;
    }
    if (current.status === 'IMPORT_FAILED') {
      fail(
        `import failed (${current.importError?.class ?? 'ERROR'}): ${current.importError?.message ?? current.statusDetail}`,
      );
    }
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** Uploads with tus; a previous unfinished upload of the same file (path, size, mtime) is resumed. */
function upload({ file, name, size, server, authorization, chunkSize, state }) {
  return new Promise((resolve, reject) => {
    const tty = process.stdout.isTTY;
    const bar = tty
      ? new SingleBar(
          { format: `${name} [{bar}] {percentage}% | {value}/{total} bytes | ETA {eta_formatted}` },
          Presets.shades_classic,
        )
      : null;
    let started = false;
    const task = new Upload(createReadStream(file), {
      endpoint: `${server}/uploads`,
      headers: { authorization },
      metadata: { filename: name },
      uploadSize: size,
      chunkSize,
      urlStorage: new FileUrlStorage(state),
      removeFingerprintOnSuccess: true,
      retryDelays: [0, 1000, 3000, 5000, 10000],
      onProgress(sent, total) {
        if (!started) {
          started = true;
          bar?.start(total, sent);
        }
        bar?.update(sent);
      },
      onChunkComplete(_chunk, accepted, total) {
        if (!tty) process.stdout.write(`uploaded ${accepted}/${total} bytes\n`);
      },
      onError(error) {
        bar?.stop();
        const status = error.originalResponse?.getStatus?.();
        const body = error.originalResponse?.getBody?.();
        reject(
          new Error(
            status
              ? `the server refused the upload (HTTP ${status}): ${String(body ?? '').trim()}`
              : error.message,
          ),
        );
      },
      onSuccess() {
        bar?.stop();
        resolve(task.url.split('/').pop());
      },
    });
    task
      .findPreviousUploads()
      .then((previous) => {
        if (previous.length > 0) {
          task.resumeFromPreviousUpload(previous[0]);
          process.stdout.write(`Resuming an earlier upload of ${name}.\n`);
        }
        task.start();
      })
      .catch(reject);
  }).then(
    (id) => {
      process.stdout.write(`Uploaded ${name} (${size} bytes).\n`);
      return id;
    },
    (error) => fail(error.message),
  );
}

const IMPORT = `mutation($input: ImportModelInput!) { importModel(input: $input) {
  model { id name status } userErrors { message } } }`;
const STATUS = `query($id: ID!) { model(id: $id) { id name status format statusDetail importError { class message } } }`;

async function graphql(server, authorization, query, variables) {
  const response = await fetch(`${server}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization },
    body: JSON.stringify({ query, variables }),
  }).catch((error) => fail(`cannot reach ${server}: ${error.message}`));
  const body = await response.json().catch(() => ({}));
  if (body.errors?.length) fail(body.errors.map((e) => e.message).join(' '));
  if (!response.ok) fail(`the server answered HTTP ${response.status}.`);
  return body.data;
}

main().catch((error) => fail(error.message));
