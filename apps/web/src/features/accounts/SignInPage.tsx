import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { ErrorMessage } from '../../ui/Status';
import { Field } from '../../ui/Field';
import { usePageTitle } from '../../ui/usePageTitle';
import { signIn } from './api';
import { useSession } from './session';
import { useAuthForm } from './useAuthForm';
import { maxPasswordLength, safeNextPath, validateSignIn } from './validation';

export function SignInPage() {
  const { t } = useTranslation();
  const session = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNextPath(params.get('next'));
  usePageTitle(t('auth.signIn.title'));

  const form = useAuthForm({
    initial: { email: '', password: '' },
    validate: validateSignIn,
    submit: signIn,
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
      <h1>{t('auth.signIn.title')}</h1>
      <p>{t('auth.signIn.intro')}</p>
      <form ref={form.formRef} className="form card" noValidate onSubmit={(e) => void form.onSubmit(e)}>
        {form.formError ? <ErrorMessage error={form.formError} /> : null}
        <Field
          label={t('auth.fields.email')}
          type="email"
          name="email"
          autoComplete="email"
          required
          value={form.values.email}
          onChange={(e) => form.setValue('email', e.target.value)}
          error={form.errors.email}
        />
        <Field
          label={t('auth.fields.password')}
          type="password"
          name="password"
          maxLength={maxPasswordLength}
          autoComplete="current-password"
          required
          value={form.values.password}
          onChange={(e) => form.setValue('password', e.target.value)}
          error={form.errors.password}
        />
        <button type="submit" className="button button--primary" disabled={form.submitting} aria-busy={form.submitting}>
          {form.submitting ? t('auth.signIn.submitting') : t('auth.signIn.submit')}
        </button>
      </form>
      <p>
        {t('auth.signIn.noAccount')}{' '}
        <Link to={next ? `/registro?next=${encodeURIComponent(next)}` : '/registro'}>{t('auth.signUp.title')}</Link>
      </p>
    </div>
  );
}
