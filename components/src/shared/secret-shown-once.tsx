import type { ReactNode } from 'react';
import { CopyButton } from './copy-button.js';

/**
 * A secret the server returns once (an API key, a user's first access token): the message, the secret, Close and
 * "Copy and close". The caller drops the secret from its state on close; nothing here keeps it.
 */
export function SecretShownOnce({
  secret,
  onClose,
  className,
  children,
}: {
  secret: string;
  onClose: () => void;
  className?: string;
  /** What the secret is and that it will not be shown again. */
  children: ReactNode;
}) {
  return (
    <div className={className}>
      <p>{children}</p>
      <pre className="hangar-code hangar-secret" data-secret="shown-once">
        {secret}
      </pre>
      <div className="hangar-dialog__actions">
        <button type="button" className="hangar-button" onClick={onClose}>
          Close
        </button>
        <CopyButton value={secret} data-variant="primary" onCopied={onClose}>
          Copy and close
        </CopyButton>
      </div>
    </div>
  );
}
