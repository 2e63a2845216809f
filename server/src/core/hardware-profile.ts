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
}

const DEFAULT_PROFILES_FILE = fileURLToPath(new URL('../../config/hardware-profiles.json', import.meta.url));

/** Reads profiles from `file` (HANGAR_HARDWARE_PROFILES) or the shipped default set. */
export function loadHardwareProfiles(file: string = DEFAULT_PROFILES_FILE): HardwareProfile[] {
  const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
  if (!Array.isArray(parsed))
    throw new Error(`Hardware profiles file ${file} must hold a JSON array of profiles.`);
  return parsed as HardwareProfile[];
}
