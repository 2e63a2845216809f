import type { HardwareProfile } from '../../core/hardware-profile.js';
import { NomadRuntime, type NomadRuntimeLogger } from './nomad.runtime.js';

/** HANGAR_RUNTIME=nomad: NOMAD_ADDR (required), NOMAD_TOKEN, NOMAD_NAMESPACE, NOMAD_REGION. */
export function createNomadRuntimeFromEnv(
  env: Record<string, string | undefined>,
  hardwareProfiles: HardwareProfile[],
  logger?: NomadRuntimeLogger,
): NomadRuntime {
  const addr = env.NOMAD_ADDR;
  if (!addr)
    throw new Error('HANGAR_RUNTIME=nomad needs NOMAD_ADDR (e.g. http://nomad.service.consul:4646).');
  return new NomadRuntime({
    addr,
    token: env.NOMAD_TOKEN || undefined,
    namespace: env.NOMAD_NAMESPACE || undefined,
    region: env.NOMAD_REGION || undefined,
    hardwareProfiles,
    logger,
  });
}
