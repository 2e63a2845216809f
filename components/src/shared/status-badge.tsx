import { enumLabel } from './format.js';

/** Seed wording where it differs from the enum's words. */
const LABELS: Record<string, string> = {
  IMPORT_FAILED: 'Import Failed',
  READY_TO_DEPLOY: 'Ready to Deploy',
  FAILED: 'Failed',
  SUCCESS: 'Success',
};

/** What a deployment that scaled to zero says: it is still deployed, and the next request brings it back. */
export const IDLE_HINT = 'Idle — wakes on the next request';

/**
 * A status pill; `data-status` carries the enum value in lower kebab case for styling. A DEPLOYED deployment that
 * scaled to zero (`idle`) shows as "Idle" with `data-status="idle"` and says it wakes on the next request.
 */
export function StatusBadge({ status, title, idle }: { status: string; title?: string; idle?: boolean }) {
  const sleeping = idle === true && status === 'DEPLOYED';
  return (
    <span
      className="hangar-status"
      data-status={sleeping ? 'idle' : status.toLowerCase().replaceAll('_', '-')}
      title={sleeping ? (title ?? IDLE_HINT) : title}
    >
      {sleeping ? 'Idle' : (LABELS[status] ?? enumLabel(status))}
    </span>
  );
}
