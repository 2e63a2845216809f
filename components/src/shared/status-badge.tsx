import { enumLabel } from './format.js';

/** Seed wording where it differs from the enum's words. */
const LABELS: Record<string, string> = {
  IMPORT_FAILED: 'Import Failed',
  READY_TO_DEPLOY: 'Ready to Deploy',
  FAILED: 'Failed',
  SUCCESS: 'Success',
};

/** A status pill; `data-status` carries the enum value in lower kebab case for styling. */
export function StatusBadge({ status, title }: { status: string; title?: string }) {
  return (
    <span className="hangar-status" data-status={status.toLowerCase().replaceAll('_', '-')} title={title}>
      {LABELS[status] ?? enumLabel(status)}
    </span>
  );
}
