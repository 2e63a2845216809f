import { useId, type ReactNode } from 'react';

/** What a Field hands its control so label, hint and error are wired for assistive technology. */
export interface FieldControlProps {
  id: string;
  'aria-invalid': boolean | undefined;
  'aria-describedby': string | undefined;
}

export interface FieldProps {
  label: ReactNode;
  /** Help text under the control. */
  hint?: ReactNode;
  /** Error message; marks the control invalid. */
  error?: string;
  /** Renders the control with the ids it needs. */
  children: (control: FieldControlProps) => ReactNode;
  /** Field key (the input path) for `data-field`. */
  name?: string;
}

/** A labelled form control with its hint and error message. */
export function Field({ label, hint, error, children, name }: FieldProps) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div className="hangar-field" data-field={name} data-invalid={error ? 'true' : 'false'}>
      <label className="hangar-field__label" htmlFor={id}>
        {label}
      </label>
      {children({ id, 'aria-invalid': error ? true : undefined, 'aria-describedby': describedBy })}
      {hint ? (
        <span id={hintId} className="hangar-field__hint">
          {hint}
        </span>
      ) : null}
      {error ? (
        <span id={errorId} className="hangar-field__error">
          {error}
        </span>
      ) : null}
    </div>
  );
}
