import { access, mkdir } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { quantizeGguf, type GgufQuantization, type QuantizeGgufResult } from './quantize/gguf-quantizer.js';
import type { RuntimeDeploySpec } from '../runtime.js';

/**
 * The local runtime's optimization step: llama.cpp quantization of a GGUF model (the CPU counterpart of the seed's
 * CTranslate2/vLLM quantization). Results are kept in the model's artifact folder, named by quantization, and
 * reused by every later deploy; concurrent deploys of the same model share one run.
 */
export class GgufOptimizer {
  private readonly runs = new Map<string, Promise<QuantizeGgufResult>>();

  /** The quantization a spec asks for, or null when it is served as is. */
  static requested(spec: RuntimeDeploySpec): GgufQuantization | null {
    const { technique, quantization } = spec.config.optimization;
    if (technique !== 'GGUF_QUANTIZATION') return null;
    return quantization === 'Q8_0' || quantization === 'Q4_K_M' ? quantization : null;
  }

  artifactPath(spec: RuntimeDeploySpec, quantization: GgufQuantization): string {
    if (!spec.model.artifactDir)
      throw new Error(`${spec.model.name} has no artifact folder for quantized files`);
    const stem = basename(spec.model.localPath!).replace(/\.gguf$/i, '');
    return join(spec.model.artifactDir, `${stem}.${quantization.toLowerCase()}.gguf`);
  }

  /** The artifact when it exists already (a previous deploy made it). */
  async cached(spec: RuntimeDeploySpec, quantization: GgufQuantization): Promise<string | null> {
    const path = this.artifactPath(spec, quantization);
    return access(path).then(
      () => path,
      () => null,
    );
  }

  /** Quantizes (or joins the run already making the same artifact). */
  async quantize(
    spec: RuntimeDeploySpec,
    quantization: GgufQuantization,
    signal: AbortSignal,
  ): Promise<QuantizeGgufResult> {
    const output = this.artifactPath(spec, quantization);
    let run = this.runs.get(output);
    if (!run) {
      run = (async () => {
        await mkdir(spec.model.artifactDir!, { recursive: true });
        return quantizeGguf(spec.model.localPath!, output, { quantization });
      })();
      this.runs.set(output, run);
      void run.then(
        () => this.runs.delete(output),
        () => this.runs.delete(output),
      );
    }
    // A cancelled deploy stops waiting; the shared run finishes and its artifact serves the next deploy.
    return new Promise<QuantizeGgufResult>((resolve, reject) => {
      const onAbort = (): void => reject(signal.reason as Error);
      if (signal.aborted) return onAbort();
      signal.addEventListener('abort', onAbort, { once: true });
      run.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
    });
  }
}
