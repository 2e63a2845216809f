import { useEffect, useState, type ComponentPropsWithRef, type MouseEvent } from 'react';

export type CopyButtonProps = Omit<ComponentPropsWithRef<'button'>, 'value'> & {
  /** Text written to the clipboard. */
  value: string;
  /** Accessible label before copying. @default 'Copy' */
  label?: string;
  /** Called after the clipboard accepted the text. @default undefined */
  onCopied?: () => void;
};

/** A button that copies `value`; `data-state` is `idle`, `copied` or `failed` for two seconds after a click. */
export function CopyButton({
  value,
  label = 'Copy',
  onCopied,
  onClick,
  className,
  children,
  ...rest
}: CopyButtonProps) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => {
    if (state === 'idle') return;
    const timer = setTimeout(() => setState('idle'), 2000);
    return () => clearTimeout(timer);
  }, [state]);

  async function copy(event: MouseEvent<HTMLButtonElement>) {
    onClick?.(event);
    if (event.defaultPrevented) return;
    try {
      await navigator.clipboard.writeText(value);
      setState('copied');
      onCopied?.();
    } catch {
      setState('failed');
    }
  }

  // The button keeps its name (a changing name confuses screen readers and breaks label-in-name); the outcome
  // is announced by a polite live region beside it.
  return (
    <>
      <button
        type="button"
        {...rest}
        className={['hangar-button', className].filter(Boolean).join(' ')}
        data-state={state}
        onClick={copy}
      >
        {children ?? label}
      </button>
      <span role="status" className="hangar-copy-status" data-state={state}>
        {state === 'copied' ? 'Copied' : state === 'failed' ? 'Copy failed' : ''}
      </span>
    </>
  );
}
