import type { ReactNode } from 'react';
import { Modal } from './modal.js';

export interface ConfirmDialogProps {
  /** Whether the dialog is shown. */
  open: boolean;
  /** Heading of the dialog. */
  title: string;
  /** What will happen, in words. */
  children?: ReactNode;
  /** Label of the confirming button. @default 'Confirm' */
  confirmLabel?: string;
  /** `danger` paints the confirming button in the danger colour. @default 'danger' */
  tone?: 'danger' | 'default';
  /** Disables the buttons while the action runs. @default false */
  busy?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}

/** Asks before a destructive action (delete, revoke, undeploy). */
export function ConfirmDialog({
  open,
  title,
  children,
  confirmLabel = 'Confirm',
  tone = 'danger',
  busy = false,
  onConfirm,
  onCancel,
}: ConfirmDialogProps) {
  return (
    <Modal open={open} title={title} onClose={onCancel} busy={busy} state={tone}>
      <div className="hangar-dialog__body">{children}</div>
      <div className="hangar-dialog__actions">
        <button type="button" className="hangar-button" onClick={onCancel} disabled={busy}>
          Cancel
        </button>
        <button
          type="button"
          className="hangar-button"
          data-variant={tone === 'danger' ? 'danger' : 'primary'}
          onClick={onConfirm}
          disabled={busy}
        >
          {confirmLabel}
        </button>
      </div>
    </Modal>
  );
}
