import { useCallback, useEffect, useRef, useState, type ChangeEvent, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldErrorsByName, fieldName, isApiError } from '../../api/client';
import type { SessionUser } from '../../api/types';
import { translateDynamic } from '../../i18n/dynamic';
import { fieldForErrorCode, maxDisplayNameLength, minPasswordLength, type ValidationKey } from './validation';

interface Options<V extends Record<string, string>> {
  initial: V;
  validate: (values: V) => Record<string, ValidationKey>;
  submit: (values: V) => Promise<SessionUser>;
  onSuccess: (user: SessionUser) => void;
}

/** What a `Field` needs to show and edit one of the form's values. */
export interface FieldBinding {
  name: string;
  value: string;
  onChange: (event: ChangeEvent<HTMLInputElement>) => void;
  error: string | undefined;
}

/** State and submit logic shared by the sign-in and sign-up forms. */
export function useAuthForm<V extends Record<string, string>>({ initial, validate, submit, onSuccess }: Options<V>) {
  const { t } = useTranslation();
  const [values, setValues] = useState<V>(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<unknown>(undefined);
  const [submitting, setSubmitting] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const [focusNonce, setFocusNonce] = useState(0);

  useEffect(() => {
    if (focusNonce === 0) return;
    formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [focusNonce]);

  const setValue = useCallback((name: keyof V & string, value: string) => {
    setValues((prev) => ({ ...prev, [name]: value }));
  }, []);

  const onSubmit = useCallback(
    async (event: FormEvent<HTMLFormElement>) => {
      event.preventDefault();
      setFormError(undefined);
      const problems = validate(values);
      const messages: Record<string, string> = {};
      for (const [field, key] of Object.entries(problems)) {
        messages[field] = translateDynamic(t, key, key, { min: minPasswordLength, max: maxDisplayNameLength });
      }
      setErrors(messages);
      if (Object.keys(messages).length > 0) {
        setFocusNonce((n) => n + 1);
        return;
      }
      setSubmitting(true);
      try {
        const user = await submit(values);
        onSuccess(user);
      } catch (error) {
        if (isApiError(error)) {
          const byField = fieldErrorsByName(error.errors);
          const known: Record<string, string> = {};
          for (const [name, message] of Object.entries(byField)) {
            if (name in values) known[name] = message;
          }
          const field = fieldForErrorCode(error.code);
          if (field && field in values) {
            // Our wording first, then the server's specific reason(s) for this field, if any.
            const ours = translateDynamic(t, `errors.${error.code}`, error.title);
            const reasons = error.errors.filter((e) => fieldName(e.path) === field).map((e) => e.message);
            known[field] = reasons.length ? `${ours} ${reasons.join(' ')}` : ours;
          }
          if (Object.keys(known).length > 0) {
            setErrors(known);
            setFocusNonce((n) => n + 1);
            if (!field) setFormError(error);
          } else {
            setFormError(error);
          }
        } else {
          setFormError(error);
        }
      } finally {
        setSubmitting(false);
      }
    },
    [values, validate, submit, onSuccess, t],
  );

  const field = (name: keyof V & string): FieldBinding => ({
    name,
    value: values[name] ?? '',
    onChange: (event: ChangeEvent<HTMLInputElement>) => setValue(name, event.target.value),
    error: errors[name],
  });

  return { field, formError, submitting, onSubmit, formRef };
}
