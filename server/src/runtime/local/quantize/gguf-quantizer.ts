import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { rename, rm, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GGMLQuantizationType, gguf } from '@huggingface/gguf';

/** The CPU counterparts of the seed's GPU quantization options. */
export type GgufQuantization = 'Q8_0' | 'Q4_K_M';

/** `enum llama_ftype` values of the bundled include/llama.h. */
const LLAMA_FTYPE: Record<GgufQuantization, number> = { Q8_0: 7, Q4_K_M: 15 };
/** `GGML_TYPE_COUNT` of the bundled ggml.h; the child checks the library's default params against it. */
const GGML_TYPE_COUNT = 43;

const CHILD_SCRIPT = fileURLToPath(new URL('./quantize.child.mjs', import.meta.url));
const LOG_TAIL_BYTES = 16 * 1024;

export interface QuantizeGgufOptions {
  quantization: GgufQuantization;
  /** llama.cpp threads; 1 by default (on a 2-core machine more threads slow everything else down). */
  threads?: number;
  signal?: AbortSignal;
  /** Path of libllama; defaults to HANGAR_LIBLLAMA_PATH or the one node-llama-cpp ships for this platform. */
  libllamaPath?: string;
}

export interface QuantizeGgufResult {
  outputPath: string;
  sizeBytes: number;
  seconds: number;
  /** Number of tensors per ggml type in the output (e.g. { Q8_0: 14, F32: 5 }). */
  tensorTypes: Record<string, number>;
  /**
   * Tensors llama.cpp could not give the requested type and quantized differently (k-quants need rows that are
   * multiples of 256; narrower tensors fall back to q5_0/q8_0).
   */
  fallbackTensorCount: number;
}

export class QuantizationError extends Error {
  constructor(
    message: string,
    readonly logTail: string,
  ) {
    super(message);
    this.name = 'QuantizationError';
  }
}

/** libllama as shipped by node-llama-cpp's prebuilt binaries package for this platform. */
export function findLibllama(): string {
  const fromEnv = process.env['HANGAR_LIBLLAMA_PATH'];
  if (fromEnv) return fromEnv;
  const platformPackage = `@node-llama-cpp/${process.platform}-${process.arch}`;
  let packageRoot: string;
  try {
    // Resolved from node-llama-cpp itself: the binaries package is its dependency, wherever npm placed it.
    const fromServer = createRequire(import.meta.url);
    const fromNodeLlamaCpp = createRequire(fromServer.resolve('node-llama-cpp'));
    packageRoot = dirname(dirname(fromNodeLlamaCpp.resolve(platformPackage)));
  } catch {
    throw new Error(
      `${platformPackage} is not installed, so there is no libllama to quantize with. Install node-llama-cpp's ` +
        'prebuilt binaries for this platform or set HANGAR_LIBLLAMA_PATH to a libllama shared library.',
    );
  }
  const binaries = join(packageRoot, 'bins', `${process.platform}-${process.arch}`);
  const library = readdirSync(binaries).find((name) => /^libllama(\.v[\d.]+)?\.(so|dylib)$/.test(name));
  if (!library) throw new Error(`No libllama shared library in ${binaries}; set HANGAR_LIBLLAMA_PATH.`);
  return join(binaries, library);
}

function keepTail(previous: string, chunk: Buffer): string {
  const text = previous + chunk.toString('utf8');
  return text.length > LOG_TAIL_BYTES ? text.slice(-LOG_TAIL_BYTES) : text;
}

/**
 * Quantizes a GGUF file with llama.cpp's `llama_model_quantize` in a child process (a bad file can abort
 * llama.cpp). The output appears at `outputPath` only when complete.
 */
export async function quantizeGguf(
  inputPath: string,
  outputPath: string,
  options: QuantizeGgufOptions,
): Promise<QuantizeGgufResult> {
  options.signal?.throwIfAborted();
  const partial = `${outputPath}.partial-${randomUUID()}`;
  const request = {
    input: inputPath,
    output: partial,
    threads: options.threads ?? 1,
    ftype: LLAMA_FTYPE[options.quantization],
    ggmlTypeCount: GGML_TYPE_COUNT,
    allowRequantize: false,
  };
  const library = options.libllamaPath ?? findLibllama();
  try {
    const { stdout, stderr, code, signal } = await new Promise<{
      stdout: string;
      stderr: string;
      code: number | null;
      signal: NodeJS.Signals | null;
    }>((resolve, reject) => {
      const child = spawn(process.execPath, [CHILD_SCRIPT, library, JSON.stringify(request)], {
        // The IPC channel is the child's lifeline: it exits when the channel closes with this process.
        stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
        ...(options.signal ? { signal: options.signal } : {}),
      });
      let out = '';
      let err = '';
      child.stdout!.on('data', (chunk: Buffer) => (out = keepTail(out, chunk)));
      child.stderr!.on('data', (chunk: Buffer) => (err = keepTail(err, chunk)));
      child.once('error', reject);
      child.once('close', (code, signal) => resolve({ stdout: out, stderr: err, code, signal }));
    });
    options.signal?.throwIfAborted();
    const lastLines = stderr.trim().split('\n').slice(-5).join('\n');
    if (signal || code === 134) {
      throw new QuantizationError(
        `llama.cpp aborted while quantizing ${inputPath} to ${options.quantization} (${signal ?? `exit ${code}`}): ${lastLines}`,
        stderr,
      );
    }
    let report: { ok?: boolean; error?: string; seconds?: number } = {};
    try {
      report = JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as typeof report;
    } catch {
      // Reported below as a failure with the log.
    }
    if (report.error === 'LAYOUT_MISMATCH') {
      throw new QuantizationError(
        `The libllama at ${library} does not match the llama.h this code was written for (llama_model_quantize_params differs); ` +
          'update quantize.child.mjs to the bundled llama.h.',
        stdout,
      );
    }
    if (code !== 0 || !report.ok) {
      throw new QuantizationError(
        `llama.cpp could not quantize ${inputPath} to ${options.quantization}: ${lastLines || `exit ${code}`}`,
        stderr,
      );
    }
    const fallback = /WARNING: (\d+) of \d+ tensor\(s\) required fallback/.exec(stderr);
    const summary = await gguf(partial, { allowLocalFile: true });
    const tensorTypes: Record<string, number> = {};
    for (const tensor of summary.tensorInfos) {
      const name = GGMLQuantizationType[tensor.dtype] ?? String(tensor.dtype);
      tensorTypes[name] = (tensorTypes[name] ?? 0) + 1;
    }
    await rename(partial, outputPath);
    return {
      outputPath,
      sizeBytes: (await stat(outputPath)).size,
      seconds: report.seconds ?? 0,
      tensorTypes,
      fallbackTensorCount: fallback ? Number(fallback[1]) : 0,
    };
  } finally {
    await rm(partial, { force: true });
  }
}
