import { useId, type InputHTMLAttributes } from 'react';

type Props = { label: string; hint?: string; error?: string } & Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'type' | 'className'>;

/** A checkbox with its label, hint and error tied to it (the layout of `.field--checkbox`). */
export function CheckboxField({ label, hint, error, ...input }: Props) {
  const id = useId();
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field field--checkbox${error ? ' field--invalid' : ''}`}>
      <input id={id} type="checkbox" aria-invalid={error ? true : undefined} aria-describedby={describedBy} {...input} />
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p id={`${id}-hint`} className="field__hint">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="field__error supplier-checkbox-error">
          {error}
        </p>
      ) : null}
    </div>
  );
}
