/** The seed's naming rule: `Flan T5` → `Flan T5_v1` → `Flan T5_v2` (version N is the N-th deploy or redeploy). */
export function versionedName(deploymentName: string, version: number): string {
  return `${deploymentName}_v${version}`;
}
