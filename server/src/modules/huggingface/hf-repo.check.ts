import { compareVersions, MAX_TRANSFORMERS_VERSION } from '../import/validation/model-facts.js';

/** Architectures (config.json `architectures[0]`) the engines Hangar runs can serve. */
export const SUPPORTED_ARCHITECTURES = new Set([
  'LlamaForCausalLM',
  'MistralForCausalLM',
  'MixtralForCausalLM',
  'Qwen2ForCausalLM',
  'GemmaForCausalLM',
  'Gemma2ForCausalLM',
  'Phi3ForCausalLM',
  'PhiForCausalLM',
  'FalconForCausalLM',
  'GPTNeoXForCausalLM',
  'StableLmForCausalLM',
  'StarCoder2ForCausalLM',
]);

export interface RepoFile {
  path: string;
  size: number;
}

export interface CheckedRepo {
  repoId: string;
  files: RepoFile[];
  ggufFiles: RepoFile[];
  architecture?: string;
  transformersVersion?: string;
}

/** A refusal meant for the user; `field` is `repoId` or `connectionId`. */
export class RepoRefusal extends Error {
  constructor(
    readonly field: 'repoId' | 'connectionId',
    message: string,
  ) {
    super(message);
  }
}

const REPO_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,95}\/[A-Za-z0-9][A-Za-z0-9._-]{0,95}$/;

/**
 * The seed's checks before a Hugging Face deploy: the repo exists and is reachable with the connection's token,
 * config.json (when present) needs Transformers ≤ 4.43.1, and its architecture is one the engines serve.
 */
export async function checkHuggingFaceRepo(
  repoId: string,
  options: { hubUrl: string; accessToken?: string; withToken: boolean },
): Promise<CheckedRepo> {
  if (!REPO_ID.test(repoId)) {
    throw new RepoRefusal(
      'repoId',
      `"${repoId}" is not a Hugging Face repository id; use the form owner/name.`,
    );
  }
  // Loaded on the first Hugging Face deploy: memory a server that never uses the hub does not pay.
  const { checkRepoAccess, downloadFile, HubApiError, listFiles } = await import('@huggingface/hub');
  const refusalFor = (error: unknown, repoId: string, withToken: boolean): RepoRefusal =>
    refusalForStatus(error instanceof HubApiError ? error.statusCode : undefined, error, repoId, withToken);
  const repo = { type: 'model' as const, name: repoId };
  const credentials = {
    hubUrl: options.hubUrl,
    ...(options.accessToken ? { accessToken: options.accessToken } : {}),
  };
  try {
    await checkRepoAccess({ repo, ...credentials });
  } catch (error) {
    throw refusalFor(error, repoId, options.withToken);
  }
  const files: RepoFile[] = [];
  try {
    for await (const entry of listFiles({ repo, recursive: true, ...credentials })) {
      if (entry.type === 'file') files.push({ path: entry.path, size: entry.lfs?.size ?? entry.size });
    }
  } catch (error) {
    throw refusalFor(error, repoId, options.withToken);
  }
  const ggufFiles = files.filter((f) => /\.gguf$/i.test(f.path)).sort((a, b) => a.path.localeCompare(b.path));
  const checked: CheckedRepo = { repoId, files, ggufFiles };
  if (files.some((f) => f.path === 'config.json')) {
    const blob = await downloadFile({ repo, path: 'config.json', ...credentials });
    let config: Record<string, unknown>;
    try {
      config = JSON.parse((await blob?.text()) ?? '') as Record<string, unknown>;
    } catch {
      throw new RepoRefusal(
        'repoId',
        `${repoId}'s config.json is not valid JSON; the repository cannot be deployed.`,
      );
    }
    const version =
      typeof config['transformers_version'] === 'string' ? config['transformers_version'] : undefined;
    if (version && compareVersions(version, MAX_TRANSFORMERS_VERSION) > 0) {
      throw new RepoRefusal(
        'repoId',
        `${repoId} needs Transformers ${version}, but models for Transformers ${MAX_TRANSFORMERS_VERSION} or older are supported. ` +
          'Choose an earlier revision or another repository.',
      );
    }
    const architectures = config['architectures'];
    const architecture =
      Array.isArray(architectures) && typeof architectures[0] === 'string' ? architectures[0] : undefined;
    if (architecture && !SUPPORTED_ARCHITECTURES.has(architecture)) {
      throw new RepoRefusal(
        'repoId',
        `${repoId} is a ${architecture}, which the serving engines do not support. Supported: ${[...SUPPORTED_ARCHITECTURES].join(', ')}.`,
      );
    }
    checked.architecture = architecture;
    checked.transformersVersion = version;
  } else if (ggufFiles.length === 0) {
    throw new RepoRefusal(
      'repoId',
      `${repoId} has neither config.json nor a .gguf file; it does not look like a model repository.`,
    );
  }
  return checked;
}

function refusalForStatus(
  status: number | undefined,
  error: unknown,
  repoId: string,
  withToken: boolean,
): RepoRefusal {
  if (status === 401 || status === 403) {
    return withToken
      ? new RepoRefusal(
          'connectionId',
          `The connection's token may not read ${repoId}. Check that it has read access to this repository (or accepted its licence).`,
        )
      : new RepoRefusal(
          'connectionId',
          `${repoId} is private or gated: choose a connection whose token may read it (createConnection).`,
        );
  }
  if (status === 404) {
    return new RepoRefusal(
      'repoId',
      `${repoId} does not exist${withToken ? '' : ' (or is private: deploy it with a connection)'}. Check the repository id.`,
    );
  }
  return new RepoRefusal(
    'repoId',
    `Hugging Face could not be reached for ${repoId}${status ? ` (HTTP ${status})` : ''}: ${(error as Error).message}. Try again later.`,
  );
}
