import { useEffect, useId, useRef, type ReactNode } from 'react';

export interface ModalProps {
  /** Whether the dialog is shown. */
  open: boolean;
  /** Heading, also the dialog's accessible name. */
  title: ReactNode;
  /** Escape or the backdrop's cancel event; ignored while `busy`. */
  onClose: () => void;
  busy?: boolean;
  children?: ReactNode;
  className?: string;
  /** `data-*` state of the dialog for styling and tests. */
  state?: string;
}

/**
 * A modal on the native <dialog>: showModal() gives focus trapping, Escape and an inert background, which
 * hand-written modals routinely get wrong.
 */
export function Modal({ open, title, onClose, busy = false, children, className, state }: ModalProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  return (
    <dialog
      ref={ref}
      className={['hangar-dialog', className].filter(Boolean).join(' ')}
      aria-labelledby={titleId}
      data-state={state}
      onCancel={(event) => {
        event.preventDefault();
        if (!busy) onClose();
      }}
    >
      {open ? (
        <>
          <h2 id={titleId} className="hangar-dialog__title">
            {title}
          </h2>
          {children}
        </>
      ) : null}
    </dialog>
  );
}
