/**
 * The end of a dialog's form: the error that belongs to no field (announced), then Cancel and the submit button,
 * both disabled while the mutation runs.
 */
export function FormFooter({
  error,
  busy,
  onCancel,
  submitLabel,
  busyLabel,
}: {
  error?: string;
  busy: boolean;
  onCancel: () => void;
  submitLabel: string;
  busyLabel: string;
}) {
  return (
    <>
      {error ? (
        <p role="alert" className="hangar-error">
          {error}
        </p>
      ) : null}
      <div className="hangar-dialog__actions">
        <button type="button" className="hangar-button" onClick={onCancel} disabled={busy}>
          Cancel
        </button>
        <button type="submit" className="hangar-button" data-variant="primary" disabled={busy}>
          {busy ? busyLabel : submitLabel}
        </button>
      </div>
    </>
  );
}
