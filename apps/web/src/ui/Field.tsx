import { useId, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes } from 'react';

interface Labelled {
  label: string;
  error?: string;
  hint?: ReactNode;
  /** Classes of the wrapper, besides `field`. */
  className?: string;
}

interface ControlAttributes {
  id: string;
  'aria-invalid': true | undefined;
  'aria-describedby': string | undefined;
}

interface FrameProps extends Labelled {
  required?: boolean;
  /** The control, given the attributes that tie it to the label, hint and error. */
  children: (attributes: ControlAttributes) => ReactNode;
}

/** Label, hint and error around one control, tied to it with aria-describedby. */
function FieldFrame({ label, error, hint, className, required, children }: FrameProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${error ? ' field--invalid' : ''}${className ? ` ${className}` : ''}`}>
      <label htmlFor={id} className="field__label">
        {label}
        {required ? <span className="field__required" aria-hidden="true"> *</span> : null}
      </label>
      {hint ? (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      ) : null}
      {children({ id, 'aria-invalid': error ? true : undefined, 'aria-describedby': describedBy })}
      {error ? (
        <p id={errorId} className="field__error">
          {error}
        </p>
      ) : null}
    </div>
  );
}

type FieldProps = Labelled & Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'className'>;

/** A labelled input. */
export function Field({ label, error, hint, className, ...input }: FieldProps) {
  return (
    <FieldFrame {...{ label, error, hint, className }} required={input.required}>
      {(attributes) => <input className="input" {...attributes} {...input} />}
    </FieldFrame>
  );
}

type SelectFieldProps = Labelled & Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id' | 'className'>;

/** A labelled select; its options are the children. */
export function SelectField({ label, error, hint, className, children, ...select }: SelectFieldProps) {
  return (
    <FieldFrame {...{ label, error, hint, className }} required={select.required}>
      {(attributes) => (
        <select className="input" {...attributes} {...select}>
          {children}
        </select>
      )}
    </FieldFrame>
  );
}
