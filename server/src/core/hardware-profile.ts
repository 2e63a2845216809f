import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** A hardware choice of the deploy wizard. Loaded from a JSON file so operators can describe their own fleet. */
export interface HardwareProfile {
  id: string;
  name: string;
  description: string;
  /** Which runtime can place it: 'local' or 'nomad'. */
  runtime: string;
  /** The cloud instance type it mirrors, if any (informational). */
  instanceType: string | null;
  cpuCores: number;
  memoryGiB: number;
  gpu: { model: string; count: number; memoryGiB: number } | null;
  /** What one replica costs per hour, in `currency`; absent or null when unknown (cost then has no amount). */
  pricePerReplicaHour?: number | null;
  /** The installation's currency (HANGAR_COST_CURRENCY), the same for every profile: set by the loader. */
  currency: string;
}

const DEFAULT_PROFILES_FILE = fileURLToPath(new URL('../../config/hardware-profiles.json', import.meta.url));

/**
 * Reads profiles from `file` (HANGAR_HARDWARE_PROFILES) or the shipped default set (whose prices are the AWS
 * on-demand list prices of the instance types they mirror, in USD). Prices are in `currency`.
 */
export function loadHardwareProfiles(
  file: string = DEFAULT_PROFILES_FILE,
  currency = 'USD',
): HardwareProfile[] {
  const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
  if (!Array.isArray(parsed))
    throw new Error(`Hardware profiles file ${file} must hold a JSON array of profiles.`);
  for (const profile of parsed as { id?: string; pricePerReplicaHour?: unknown }[]) {
    const price = profile.pricePerReplicaHour;
    if (price != null && (typeof price !== 'number' || !Number.isFinite(price) || price < 0))
      throw new Error(
        `Hardware profile ${profile.id} in ${file}: pricePerReplicaHour must be a number ≥ 0 (or left out).`,
      );
  }
  return (parsed as HardwareProfile[]).map((profile) => ({ ...profile, currency }));
}
