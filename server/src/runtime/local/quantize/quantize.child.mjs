// Runs llama.cpp's llama_model_quantize in its own process: a bad input can abort (GGML_ASSERT) the process,
// which must not take the server down. Usage: node quantize.child.mjs <libllama path> <json request>
// Plain JavaScript so it runs under node without a TypeScript loader.
import { rmSync } from 'node:fs';
import koffi from 'koffi';

const [libraryPath, requestJson] = process.argv.slice(2);
const request = JSON.parse(requestJson);

// This process dies with the server: once the IPC channel closes (the server exited, even by SIGKILL), nobody
// will use the output, so the half-written file goes and the process ends. Quantizing runs on koffi's worker
// thread (below) so that this event loop is free to notice.
process.on('disconnect', () => {
  rmSync(request.output, { force: true });
  process.exit(4);
});

const lib = koffi.load(libraryPath);

// Mirrors `llama_model_quantize_params` of the bundled include/llama.h (llama.cpp as shipped by node-llama-cpp).
const QuantizeParams = koffi.struct('llama_model_quantize_params', {
  nthread: 'int32_t',
  ftype: 'int32_t',
  output_tensor_type: 'int32_t',
  token_embedding_type: 'int32_t',
  allow_requantize: 'bool',
  quantize_output_tensor: 'bool',
  only_copy: 'bool',
  pure: 'bool',
  keep_split: 'bool',
  dry_run: 'bool',
  imatrix: 'void *',
  kv_overrides: 'void *',
  tt_overrides: 'void *',
  prune_layers: 'void *',
  max_buf_size: 'size_t',
});

const backendInit = lib.func('void llama_backend_init()');
const defaultParams = lib.func('llama_model_quantize_default_params', QuantizeParams, []);
// uint32_t llama_model_quantize(const char * fname_inp, const char * fname_out, const llama_model_quantize_params * params)
const quantize = lib.func('llama_model_quantize', 'uint32_t', ['str', 'str', koffi.pointer(QuantizeParams)]);

backendInit();
const params = defaultParams();
// The defaults are known (llama-quant.cpp); anything else means the struct layout does not match this library.
const GGML_TYPE_COUNT = request.ggmlTypeCount;
if (
  params.nthread !== 0 ||
  params.ftype !== 7 ||
  params.output_tensor_type !== GGML_TYPE_COUNT ||
  params.token_embedding_type !== GGML_TYPE_COUNT ||
  params.allow_requantize !== false ||
  params.quantize_output_tensor !== true ||
  params.dry_run !== false
) {
  process.stdout.write(
    JSON.stringify({
      ok: false,
      error: 'LAYOUT_MISMATCH',
      defaults: { ...params, max_buf_size: String(params.max_buf_size) },
    }),
  );
  process.exit(3);
}

const started = performance.now();
const settings = {
  ...params,
  nthread: request.threads,
  ftype: request.ftype,
  allow_requantize: request.allowRequantize,
};
quantize.async(request.input, request.output, settings, (error, status) => {
  if (error) {
    process.stdout.write(JSON.stringify({ ok: false, error: String(error) }));
    process.exit(2);
  }
  process.stdout.write(
    JSON.stringify({ ok: status === 0, status, seconds: (performance.now() - started) / 1000 }),
  );
  process.exit(status === 0 ? 0 : 2);
});
