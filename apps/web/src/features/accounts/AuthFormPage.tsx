import type { ReactNode } from 'react';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import type { SessionUser } from '../../api/types';
import { ErrorMessage } from '../../ui/Status';
import { usePageTitle } from '../../ui/usePageTitle';
import { useSession } from './session';
import { useAuthForm, type FieldBinding } from './useAuthForm';
import { safeNextPath, type ValidationKey } from './validation';

interface Props<V extends Record<string, string>> {
  title: string;
  intro: string;
  submitLabel: string;
  submittingLabel: string;
  /** The way to the other form: a prompt, then a link to `path` (keeping `?next=`). */
  switchTo: { prompt: string; label: string; path: string };
  initial: V;
  validate: (values: V) => Record<string, ValidationKey>;
  submit: (values: V) => Promise<SessionUser>;
  /** The fields, given what each needs to show and edit its value. */
  children: (field: (name: keyof V & string) => FieldBinding) => ReactNode;
}

/**
 * The page of the sign-in and sign-up forms: once signed in, the user goes on to the
 * `?next=` path (when it is same-site) or to the account page.
 */
export function AuthFormPage<V extends Record<string, string>>(props: Props<V>) {
  const { title, intro, submitLabel, submittingLabel, switchTo, initial, validate, submit, children } = props;
  const session = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNextPath(params.get('next'));
  usePageTitle(title);

  const form = useAuthForm({
    initial,
    validate,
    submit,
    onSuccess: (user) => {
      session.setUser(user);
      void navigate(next ?? '/cuenta', { replace: true });
    },
  });

  if (session.status === 'authenticated' && !form.submitting) {
    return <Navigate to={next ?? '/cuenta'} replace />;
  }

  return (
    <div className="page page--narrow">
      <h1>{title}</h1>
      <p>{intro}</p>
      <form ref={form.formRef} className="form card" noValidate onSubmit={(e) => void form.onSubmit(e)}>
        {form.formError ? <ErrorMessage error={form.formError} /> : null}
        {children(form.field)}
        <button type="submit" className="button button--primary" disabled={form.submitting} aria-busy={form.submitting}>
          {form.submitting ? submittingLabel : submitLabel}
        </button>
      </form>
      <p>
        {switchTo.prompt}{' '}
        <Link to={next ? `${switchTo.path}?next=${encodeURIComponent(next)}` : switchTo.path}>{switchTo.label}</Link>
      </p>
    </div>
  );
}
