import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sharedNomadSpecValidator } from '../../../test/nomad-double/openapi-validator.js';
import { DEFAULT_PARAMETERS, type DeploymentConfig } from '../../core/deployment-config/deployment-config.js';
import { loadHardwareProfiles } from '../../core/hardware-profile.js';
import type { RuntimeDeploySpec } from '../runtime.js';
import { planNomadJobs } from './engine-selection.js';
import { JOB_EXAMPLES, NOMAD_JOBS_DIR } from './nomad-job.examples.js';
import type { NomadJob } from './nomad-job.common.js';
import { CTRANSLATE2_SERVER_SCRIPT } from './ctranslate2-server.py.js';

const validator = sharedNomadSpecValidator();
const profiles = loadHardwareProfiles();

type EngineCase = {
  name: string;
  optimization: DeploymentConfig['optimization'];
  format: string;
  gpuOnly: boolean;
};
const ENGINES: EngineCase[] = [
  {
    name: 'vLLM',
    optimization: { technique: 'VLLM', quantization: 'NONE' },
    format: 'HF_SAFETENSORS',
    gpuOnly: true,
  },
  {
    name: 'vLLM + AWQ',
    optimization: { technique: 'VLLM', quantization: 'AWQ' },
    format: 'HF_SAFETENSORS',
    gpuOnly: true,
  },
  {
    name: 'TGI',
    optimization: { technique: 'NONE', quantization: 'NONE' },
    format: 'HF_SAFETENSORS',
    gpuOnly: true,
  },
  {
    name: 'CTranslate2',
    optimization: { technique: 'CTRANSLATE2', quantization: 'INT8_FLOAT16' },
    format: 'HF_SAFETENSORS',
    gpuOnly: true,
  },
  {
    name: 'llama.cpp',
    optimization: { technique: 'NONE', quantization: 'NONE' },
    format: 'GGUF',
    gpuOnly: false,
  },
];

function spec(engine: EngineCase, hardwareProfileId: string): RuntimeDeploySpec {
  return {
    deploymentId: 'dep_7Hq2 Mixed.Case',
    version: 3,
    model: {
      id: 'mdl_1',
      name: 'tiny',
      source: 'HUGGING_FACE',
      format: engine.format,
      huggingFaceRepoId: 'acme/tiny-model',
      huggingFaceToken: 'hf_secret_token_value',
    },
    config: {
      optimization: engine.optimization,
      parameters: { ...DEFAULT_PARAMETERS, temperature: 0.3, maxLength: 777, inferenceBatchSize: 6 },
      hardwareProfileId,
      scaling: {
        minReplicas: 2,
        maxReplicas: 5,
        scaleUpDelaySeconds: 45,
        scaleDownDelaySeconds: 900,
        scaleToZeroAfterSeconds: 0,
        autoscalerMode: 'ACTIVE',
        targetTtftMs: 0,
        targetTokensPerSecondPerReplica: 0,
      },
    },
  };
}

function durations(job: NomadJob): number[] {
  const group = job.TaskGroups![0]!;
  const task = group.Tasks![0]!;
  return [
    group.Update?.MinHealthyTime,
    group.Update?.HealthyDeadline,
    group.Update?.ProgressDeadline,
    group.RestartPolicy?.Interval,
    group.RestartPolicy?.Delay,
    task.KillTimeout,
    ...(group.Services ?? []).flatMap((service) =>
      (service.Checks ?? []).flatMap((check) => [check.Interval, check.Timeout]),
    ),
  ].filter((value): value is number => value !== undefined);
}

describe('job builders × hardware profiles', () => {
  for (const engine of ENGINES) {
    for (const profile of profiles) {
      it(`${engine.name} on ${profile.id} renders a job Nomad accepts`, () => {
        const deploy = spec(engine, profile.id);
        if (engine.gpuOnly && !profile.gpu) {
          expect(() => planNomadJobs(deploy, profile)).toThrow(/GPU hardware profile/);
          return;
        }
        const plan = planNomadJobs(deploy, profile);
        const jobs = [plan.optimization?.job, plan.serving].filter(
          (job): job is NomadJob => job !== undefined,
        );
        for (const job of jobs) {
          expect(validator.check('request', 'JobRegisterRequest', { Job: job })).toEqual([]);
          expect(JSON.stringify(job)).not.toContain('hf_secret_token_value');
          expect(job.Meta?.hangar_deployment_id).toBe(deploy.deploymentId);
          for (const value of durations(job)) expect(Number.isInteger(value) && value >= 1e9).toBe(true);
        }
        const group = plan.serving.TaskGroups![0]!;
        const task = group.Tasks![0]!;
        expect(group.Count).toBe(2);
        expect(group.Scaling).toMatchObject({ Enabled: true, Min: 2, Max: 5 });
        expect(group.Scaling!.Policy).toMatchObject({ cooldown: '900s', cooldown_on_scale_up: '45s' });
        expect(group.Update!.ProgressDeadline!).toBeGreaterThan(group.Update!.HealthyDeadline!);
        expect(group.Update!.HealthyDeadline!).toBeGreaterThanOrEqual(20 * 60 * 1e9);
        expect(group.Services![0]).toMatchObject({ Provider: 'nomad', PortLabel: 'http' });
        expect(group.Services![0]!.Checks![0]).toMatchObject({ Type: 'http' });
        expect(group.Services![0]!.Name).toMatch(/^[a-z0-9][a-z0-9-]{0,61}[a-z0-9]$/);
        const template = task.Templates![0]!.EmbeddedTmpl!;
        expect(template).toContain(`nomadVarExists "nomad/jobs/${plan.serving.ID}"`);
        const devices = task.Resources!.Devices;
        if (profile.gpu) {
          expect(devices).toEqual([
            {
              Name: 'nvidia/gpu',
              Count: profile.gpu.count,
              Constraints: [
                {
                  LTarget: '${device.attr.memory}',
                  // NVML reports less than the nominal size (a T4 shows 15360 MiB): the floor is 90 % of it.
                  RTarget: `${Math.floor(profile.gpu.memoryGiB * 1024 * 0.9)} MiB`,
                  Operand: '>=',
                },
              ],
            },
          ]);
        } else {
          expect(devices).toBeUndefined();
        }
      });
    }
  }

  it('passes the deployment parameters to the engine', () => {
    const a10g = profiles.find((profile) => profile.id === 'nvidia-a10g-x4')!;
    const vllmArgs = planNomadJobs(spec(ENGINES[1]!, a10g.id), a10g).serving.TaskGroups![0]!.Tasks![0]!
      .Config!.args as string[];
    expect(vllmArgs.join(' ')).toContain('--quantization awq');
    expect(vllmArgs.join(' ')).toContain('--tensor-parallel-size 4');
    expect(vllmArgs.join(' ')).toContain('--max-num-seqs 6');
    expect(JSON.parse(vllmArgs[vllmArgs.indexOf('--override-generation-config') + 1]!)).toMatchObject({
      temperature: 0.3,
      max_new_tokens: 777,
    });
    const llamaArgs = planNomadJobs(spec(ENGINES[4]!, a10g.id), a10g).serving.TaskGroups![0]!.Tasks![0]!
      .Config!.args as string[];
    expect(llamaArgs.join(' ')).toContain('--temp 0.3');
    expect(llamaArgs.join(' ')).toContain('--n-predict 777');
    expect(llamaArgs.join(' ')).toContain('--n-gpu-layers 999');
  });

  it('serves attached LoRA adapters with vLLM: --enable-lora and one --lora-modules entry per adapter', () => {
    const a10g = profiles.find((profile) => profile.id === 'nvidia-a10g-x4')!;
    const withAdapters: RuntimeDeploySpec = {
      ...spec(ENGINES[0]!, a10g.id),
      adapters: [
        { name: 'sql-lora', format: 'ADAPTER', huggingFaceRepoId: 'acme/tiny-sql-lora' },
        { name: 'chat-lora', format: 'ADAPTER', huggingFaceRepoId: 'acme/tiny-chat-lora' },
      ],
    };
    const job = planNomadJobs(withAdapters, a10g).serving;
    expect(validator.check('request', 'JobRegisterRequest', { Job: job })).toEqual([]);
    const args = job.TaskGroups![0]!.Tasks![0]!.Config!.args as string[];
    const lora = args.slice(args.indexOf('--enable-lora'));
    expect(lora).toEqual([
      '--enable-lora',
      '--max-loras',
      '2',
      '--lora-modules',
      'sql-lora=acme/tiny-sql-lora',
      'chat-lora=acme/tiny-chat-lora',
    ]);
    const without = planNomadJobs(spec(ENGINES[0]!, a10g.id), a10g).serving.TaskGroups![0]!.Tasks![0]!.Config!
      .args as string[];
    expect(without).not.toContain('--enable-lora');
    const stored: RuntimeDeploySpec = {
      ...withAdapters,
      adapters: [{ name: 'uploaded-lora', format: 'ADAPTER', localPath: '/data/models/uploaded' }],
    };
    expect(() => planNomadJobs(stored, a10g)).toThrow(
      'Adapter "uploaded-lora" is stored on the Hangar server only; vLLM on Nomad loads adapters from Hugging Face.',
    );
  });

  it('refuses combinations Nomad cannot run, with a message for users', () => {
    const t4 = profiles.find((profile) => profile.id === 'nvidia-t4-x1')!;
    const gguf = spec(ENGINES[4]!, t4.id);
    expect(() =>
      planNomadJobs(
        {
          ...gguf,
          config: {
            ...gguf.config,
            optimization: { technique: 'GGUF_QUANTIZATION', quantization: 'Q4_K_M' },
          },
        },
        t4,
      ),
    ).toThrow(/local runtime/);
    const local = spec(ENGINES[0]!, t4.id);
    expect(() =>
      planNomadJobs({ ...local, model: { ...local.model, huggingFaceRepoId: undefined } }, t4),
    ).toThrow(/Hugging Face/);
  });
});

describe('nomad-jobs/ rendered examples', () => {
  it('covers every engine folder', () => {
    const folders = readdirSync(NOMAD_JOBS_DIR, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort();
    expect(folders).toEqual(['awq-quantize', 'ctranslate2', 'llama-cpp', 'tgi', 'vllm']);
    const jsonFiles = folders.flatMap((folder) =>
      readdirSync(join(NOMAD_JOBS_DIR, folder))
        .filter((file) => file.endsWith('.job.json'))
        .map((file) => `${folder}/${file}`),
    );
    expect(jsonFiles.sort()).toEqual(JOB_EXAMPLES.map((example) => example.file).sort());
  });

  for (const example of JOB_EXAMPLES) {
    it(`${example.file} validates and is exactly what the builder produces`, () => {
      const onDisk: unknown = JSON.parse(readFileSync(join(NOMAD_JOBS_DIR, example.file), 'utf8'));
      expect(validator.check('request', 'JobRegisterRequest', onDisk)).toEqual([]);
      expect(onDisk).toEqual({ Job: example.build() });
    });
  }

  it('the validator rejects what Nomad would reject', () => {
    const job = JOB_EXAMPLES[0]!.build();
    const broken = structuredClone(job);
    broken.TaskGroups![0]!.Update!.HealthyDeadline = '20m' as unknown as number;
    (broken.TaskGroups![0] as Record<string, unknown>).Healthcheck = 'checks';
    const violations = validator.check('request', 'JobRegisterRequest', { Job: broken });
    expect(violations.some((violation) => violation.includes('HealthyDeadline'))).toBe(true);
    expect(violations.some((violation) => violation.includes('Healthcheck'))).toBe(true);
  });

  it('every engine folder documents every template variable', () => {
    for (const folder of readdirSync(NOMAD_JOBS_DIR, { withFileTypes: true }).filter((entry) =>
      entry.isDirectory(),
    )) {
      const files = readdirSync(join(NOMAD_JOBS_DIR, folder.name));
      const readme = readFileSync(join(NOMAD_JOBS_DIR, folder.name, 'README.md'), 'utf8');
      const templates = files.filter((file) => file.endsWith('.nomad.hcl'));
      expect(templates.length).toBeGreaterThan(0);
      for (const template of templates) {
        const hcl = readFileSync(join(NOMAD_JOBS_DIR, folder.name, template), 'utf8');
        const variables = [...hcl.matchAll(/^variable "(\w+)"/gm)].map((match) => match[1]!);
        expect(variables.length).toBeGreaterThan(0);
        for (const variable of variables) expect(readme).toMatch(new RegExp(`\\| +\`${variable}\` +\\|`));
      }
    }
  });

  it('the scripts shipped next to the templates are the ones the builders embed', () => {
    expect(readFileSync(join(NOMAD_JOBS_DIR, 'ctranslate2/server.py'), 'utf8')).toBe(
      CTRANSLATE2_SERVER_SCRIPT,
    );
    const awq = JOB_EXAMPLES.find((example) => example.file.startsWith('awq-quantize/'))!.build();
    const embedded = awq.TaskGroups![0]!.Tasks![0]!.Templates!.find(
      (t) => t.DestPath === 'local/quantize.py',
    );
    expect(readFileSync(join(NOMAD_JOBS_DIR, 'awq-quantize/quantize.py'), 'utf8')).toBe(
      embedded?.EmbeddedTmpl,
    );
  });
});
