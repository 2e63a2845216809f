import { crc32 } from '@node-rs/crc32';
import { mkdir, mkdtemp, open, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildAdapterArchive,
  buildGgufBaseArchive,
  buildHfBaseArchive,
  SAMPLE_DEPLOY_CONFIG,
  TINY_HF_BASE_FACTS,
  writeZip,
} from '../../../../test/fixtures/archives/archive-builders.js';
import { hostileArchives } from '../../../../test/fixtures/archives/hostile-archives.js';
import { checkArchiveFileName } from './archive-file-name.js';
import { extractValidatedArchive } from './model-archive.extractor.js';
import { validateModelArchive } from './model-archive.validator.js';
import type { ValidationResult } from './validation-result.js';

let root: string;
let uploads: string;
let store: string;
let sentinel: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'hangar-hostile-'));
  uploads = join(root, 'uploads');
  store = join(root, 'store');
  // Sits next to the store: a zip-slip entry "../sentinel/x" would land here.
  sentinel = join(root, 'sentinel');
  await Promise.all([mkdir(uploads), mkdir(store), mkdir(sentinel)]);
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('hostile archives', () => {
  it('has at least 50 distinct cases', () => {
    const ids = new Set(hostileArchives.map((h) => h.id));
    expect(ids.size).toBe(hostileArchives.length);
    expect(ids.size).toBeGreaterThanOrEqual(50);
  });

  it.each(hostileArchives.map((h) => [h.id, h] as const))(
    '%s is refused with the right class',
    async (_id, hostile) => {
      const path = join(uploads, hostile.fileName ?? `${hostile.id}.zip`);
      await hostile.build(path);
      const result = await validateModelArchive(path, {
        kind: hostile.kind,
        ...(hostile.base ? { base: hostile.base } : {}),
        ...(hostile.limits ? { limits: hostile.limits } : {}),
      });
      expect(result.ok, `${hostile.description} was accepted`).toBe(false);
      if (result.ok) return;
      expect({ id: hostile.id, errorClass: result.errorClass }).toEqual({
        id: hostile.id,
        errorClass: hostile.expected,
      });
      // Actionable: says what is wrong and what to do (every message carries a remedy in the imperative).
      expect(result.message.length).toBeGreaterThan(40);
      expect(result.message).toMatch(
        /\b(upload|create|put|add|fix|choose|use|save|remove|convert|rename|import|shorten|flatten|split|extract|replace|make sure|zip|ask)\b/i,
      );
      await rm(path, { force: true });
    },
  );

  it('never wrote anything outside the store while validating', async () => {
    expect(await readdir(sentinel)).toEqual([]);
    expect(await readdir(store)).toEqual([]);
    expect((await readdir(root)).sort()).toEqual(['sentinel', 'store', 'uploads']);
    await expect(stat('/tmp/hangar-ev')).rejects.toThrow();
  });
});

describe('checkArchiveFileName', () => {
  it('accepts .zip in any case and explains other extensions', () => {
    expect(checkArchiveFileName('My Model.ZIP')).toEqual({ ok: true });
    const refused = checkArchiveFileName('C:\\Users\\me\\llama.gguf');
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.message).toMatch(/\.gguf.*\.zip/);
    expect(checkArchiveFileName('.zip').ok).toBe(false);
  });
});

describe('good archives', () => {
  it('a GGUF base is accepted with its metadata and deployconfig.json, and extracts into the store only', async () => {
    const path = join(uploads, 'tiny-llama.zip');
    await buildGgufBaseArchive(path, { deployConfig: SAMPLE_DEPLOY_CONFIG });
    const result = await validateModelArchive(path, { kind: 'BASE' });
    expect(result).toMatchObject({
      ok: true,
      format: 'GGUF',
      facts: {
        architecture: 'llama',
        contextLength: 2048,
        hiddenSize: 64,
        blockCount: 2,
        hasChatTemplate: true,
      },
      deployConfig: SAMPLE_DEPLOY_CONFIG,
    });
    if (!result.ok) return;
    expect(result.files.map((f) => [f.path, f.role])).toEqual([
      ['tiny-llama.gguf', 'GGUF'],
      ['deployconfig.json', 'DEPLOY_CONFIG'],
    ]);
    expect(result.facts.parameterCount).toBeGreaterThan(10_000);

    const target = join(store, 'tiny-llama');
    await extractValidatedArchive(path, target, result);
    expect((await readdir(target)).sort()).toEqual(['deployconfig.json', 'tiny-llama.gguf']);
    expect(JSON.parse(await readFile(join(target, 'deployconfig.json'), 'utf8'))).toEqual(
      SAMPLE_DEPLOY_CONFIG,
    );
    expect((await stat(join(target, 'tiny-llama.gguf'))).size).toBe(result.files[0]!.size);
    expect(crc32(await readFile(join(target, 'tiny-llama.gguf')))).toBe(result.files[0]!.crc32);
    expect(await readdir(sentinel)).toEqual([]);
  });

  it('a deflated GGUF base is accepted too', async () => {
    const path = join(uploads, 'tiny-llama-deflated.zip');
    await buildGgufBaseArchive(path, { compress: true });
    const result = await validateModelArchive(path, { kind: 'BASE' });
    expect(result).toMatchObject({ ok: true, format: 'GGUF', facts: { architecture: 'llama' } });
  });

  it('a Hugging Face base is accepted with architecture, transformers version and hidden size', async () => {
    const path = join(uploads, 'tiny-llama-hf.zip');
    await buildHfBaseArchive(path);
    const result = await validateModelArchive(path, { kind: 'BASE' });
    expect(result).toMatchObject({
      ok: true,
      format: 'HF_SAFETENSORS',
      facts: {
        architecture: 'LlamaForCausalLM',
        modelType: 'llama',
        transformersVersion: '4.40.0',
        hiddenSize: 32,
        contextLength: 2048,
      },
    });
    if (!result.ok) return;
    expect(result.files.map((f) => f.path).sort()).toEqual([
      'config.json',
      'model.safetensors',
      'tokenizer.json',
      'tokenizer_config.json',
    ]);
    const target = join(store, 'tiny-llama-hf');
    await extractValidatedArchive(path, target, result);
    expect((await readdir(target)).sort()).toEqual([
      'config.json',
      'model.safetensors',
      'tokenizer.json',
      'tokenizer_config.json',
    ]);
  });

  it('an adapter for a compatible base is accepted', async () => {
    const path = join(uploads, 'tiny-adapter.zip');
    await buildAdapterArchive(path);
    const result = await validateModelArchive(path, { kind: 'ADAPTER', base: TINY_HF_BASE_FACTS });
    expect(result).toMatchObject({
      ok: true,
      format: 'ADAPTER',
      facts: { baseModelNameOrPath: 'hangar/tiny-llama', peftType: 'LORA', loraRank: 4, hiddenSize: 32 },
    });
  });

  it('the same adapter against a GGUF base of another width is a compatibility problem', async () => {
    const path = join(uploads, 'tiny-adapter-2.zip');
    await buildAdapterArchive(path);
    const result: ValidationResult = await validateModelArchive(path, {
      kind: 'ADAPTER',
      base: { architecture: 'llama', hiddenSize: 64, names: ['Hangar Demo Tiny Llama', 'hangar/tiny-llama'] },
    });
    expect(result).toMatchObject({ ok: false, errorClass: 'COMPATIBILITY_PROBLEM' });
    expect(!result.ok && result.message).toMatch(/hidden size 32.*hidden size 64/);
  });

  it('macOS junk is skipped, not extracted', async () => {
    const path = join(uploads, 'with-junk.zip');
    const { hfBaseItems } = await import('../../../../test/fixtures/archives/archive-builders.js');
    await writeZip(path, [
      ...hfBaseItems(),
      { name: '__MACOSX/._config.json', data: 'x' },
      { name: '.DS_Store', data: 'x' },
    ]);
    const result = await validateModelArchive(path, { kind: 'BASE' });
    expect(result.ok && result.files.map((f) => f.path).sort()).toEqual([
      'config.json',
      'model.safetensors',
      'tokenizer.json',
      'tokenizer_config.json',
    ]);
  });

  it('extraction refuses a result whose paths were tampered with', async () => {
    const path = join(uploads, 'tamper.zip');
    await buildHfBaseArchive(path);
    const result = await validateModelArchive(path, { kind: 'BASE' });
    if (!result.ok) throw new Error(result.message);
    const forged = {
      ...result,
      files: result.files.map((f, i) => (i === 0 ? { ...f, path: '../sentinel/pwned' } : f)),
    };
    await expect(extractValidatedArchive(path, join(store, 'forged'), forged)).rejects.toThrow(/outside/);
    expect(await readdir(sentinel)).toEqual([]);
    await expect(stat(join(store, 'forged'))).rejects.toThrow();
  });

  it('extraction re-checks the CRC-32 of a stored entry whose bytes changed after validation', async () => {
    const path = join(uploads, 'changed-after-validation.zip');
    await buildGgufBaseArchive(path);
    const result = await validateModelArchive(path, { kind: 'BASE' });
    if (!result.ok) throw new Error(result.message);
    // One byte of the weights flipped, same size; the result is given the new modification time, so that only
    // the checksum can notice.
    const { size } = await stat(path);
    const file = await open(path, 'r+');
    const middle = Math.floor(size / 2);
    const byte = Buffer.alloc(1);
    await file.read(byte, 0, 1, middle);
    await file.write(Buffer.from([byte[0]! ^ 0xff]), 0, 1, middle);
    await file.close();
    const stale = { ...result, archive: { ...result.archive, size, mtimeMs: (await stat(path)).mtimeMs } };
    const target = join(store, 'changed');
    await expect(extractValidatedArchive(path, target, stale)).rejects.toThrow(/CRC-32/);
    await expect(stat(target)).rejects.toThrow();
  });

  it('checks the extension of the name the user gave when the upload is stored under its id', async () => {
    const path = join(uploads, 'upload-5f2c9e');
    await buildHfBaseArchive(path);
    expect(await validateModelArchive(path, { kind: 'BASE', fileName: 'tiny-llama.zip' })).toMatchObject({
      ok: true,
    });
    expect(await validateModelArchive(path, { kind: 'BASE', fileName: 'tiny-llama.7z' })).toMatchObject({
      ok: false,
      errorClass: 'INVALID_FORMAT',
    });
  });

  it('a cancelled validation stops with the abort reason', async () => {
    const path = join(uploads, 'cancel.zip');
    await buildGgufBaseArchive(path);
    const controller = new AbortController();
    controller.abort(new Error('import deleted'));
    await expect(validateModelArchive(path, { kind: 'BASE', signal: controller.signal })).rejects.toThrow(
      'import deleted',
    );
  });
});
