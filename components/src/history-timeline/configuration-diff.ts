import type { VersionItemFragment } from '../gql/graphql.js';
import { DEPLOYMENT_CONFIG_FIELDS } from '../generated/deployment-config.js';
import { enumLabel } from '../shared/format.js';

type Configuration = VersionItemFragment['configuration'];

/** One setting of a version's configuration as the history shows it. */
export interface ConfigurationRow {
  key: string;
  label: string;
  value: string;
}

/** A setting that differs from the previous version. */
export interface ConfigurationChange {
  key: string;
  label: string;
  before: string;
  after: string;
}

// The order follows the wizard's steps: optimization, parameters, scaling, hardware.
const SETTINGS: Array<{ key: string; label: string; pick: (c: Configuration) => string }> = [
  { key: 'optimization.technique', label: 'Optimization', pick: (c) => enumLabel(c.optimization.technique) },
  { key: 'optimization.quantization', label: 'Quantization', pick: (c) => c.optimization.quantization },
  { key: 'parameters.temperature', label: 'Temperature', pick: (c) => String(c.parameters.temperature) },
  { key: 'parameters.maxLength', label: 'Max length (tokens)', pick: (c) => String(c.parameters.maxLength) },
  { key: 'parameters.topP', label: 'Top p', pick: (c) => String(c.parameters.topP) },
  { key: 'parameters.topK', label: 'Top k', pick: (c) => String(c.parameters.topK) },
  {
    key: 'parameters.stopSequences',
    label: 'Stop sequences',
    pick: (c) =>
      c.parameters.stopSequences.length
        ? c.parameters.stopSequences.map((s) => JSON.stringify(s)).join(', ')
        : '—',
  },
  {
    key: 'parameters.inferenceBatchSize',
    label: 'Inference batch size',
    pick: (c) => String(c.parameters.inferenceBatchSize),
  },
  { key: 'scaling.minReplicas', label: 'Min replicas', pick: (c) => String(c.scaling.minReplicas) },
  { key: 'scaling.maxReplicas', label: 'Max replicas', pick: (c) => String(c.scaling.maxReplicas) },
  {
    key: 'scaling.scaleUpDelaySeconds',
    label: 'Scale-up delay',
    pick: (c) => `${c.scaling.scaleUpDelaySeconds} s`,
  },
  {
    key: 'scaling.scaleDownDelaySeconds',
    label: 'Scale-down delay',
    pick: (c) => `${c.scaling.scaleDownDelaySeconds} s`,
  },
  {
    key: 'scaling.targetTtftMs',
    label: DEPLOYMENT_CONFIG_FIELDS.scaling.targetTtftMs.label,
    pick: (c) => (c.scaling.targetTtftMs > 0 ? `${c.scaling.targetTtftMs} ms` : 'none'),
  },
  {
    key: 'scaling.targetTokensPerSecondPerReplica',
    label: DEPLOYMENT_CONFIG_FIELDS.scaling.targetTokensPerSecondPerReplica.label,
    pick: (c) =>
      c.scaling.targetTokensPerSecondPerReplica > 0
        ? String(c.scaling.targetTokensPerSecondPerReplica)
        : 'none',
  },
  { key: 'hardwareProfileId', label: 'Hardware profile', pick: (c) => c.hardwareProfileId },
];

/** Every setting of a configuration, labelled. */
export function configurationRows(configuration: Configuration): ConfigurationRow[] {
  return SETTINGS.map(({ key, label, pick }) => ({ key, label, value: pick(configuration) }));
}

/** The settings that differ between two configurations, in the wizard's order. */
export function configurationChanges(before: Configuration, after: Configuration): ConfigurationChange[] {
  return SETTINGS.flatMap(({ key, label, pick }) => {
    const was = pick(before);
    const now = pick(after);
    return was === now ? [] : [{ key, label, before: was, after: now }];
  });
}
