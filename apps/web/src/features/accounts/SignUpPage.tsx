import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { ErrorMessage } from '../../ui/Status';
import { Field } from '../../ui/Field';
import { usePageTitle } from '../../ui/usePageTitle';
import { signUp } from './api';
import { useSession } from './session';
import { useAuthForm } from './useAuthForm';
import { maxDisplayNameLength, maxPasswordLength, minPasswordLength, safeNextPath, validateSignUp } from './validation';

export function SignUpPage() {
  const { t } = useTranslation();
  const session = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNextPath(params.get('next'));
  usePageTitle(t('auth.signUp.title'));

  const form = useAuthForm({
    initial: { displayName: '', email: '', password: '' },
    validate: validateSignUp,
    submit: signUp,
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
      <h1>{t('auth.signUp.title')}</h1>
      <p>{t('auth.signUp.intro')}</p>
      <form ref={form.formRef} className="form card" noValidate onSubmit={(e) => void form.onSubmit(e)}>
        {form.formError ? <ErrorMessage error={form.formError} /> : null}
        <Field
          label={t('auth.fields.displayName')}
          type="text"
          name="displayName"
          maxLength={maxDisplayNameLength}
          autoComplete="name"
          required
          value={form.values.displayName}
          onChange={(e) => form.setValue('displayName', e.target.value)}
          error={form.errors.displayName}
        />
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
          autoComplete="new-password"
          required
          hint={t('auth.fields.passwordHint', { min: minPasswordLength })}
          value={form.values.password}
          onChange={(e) => form.setValue('password', e.target.value)}
          error={form.errors.password}
        />
        <button type="submit" className="button button--primary" disabled={form.submitting} aria-busy={form.submitting}>
          {form.submitting ? t('auth.signUp.submitting') : t('auth.signUp.submit')}
        </button>
      </form>
      <p>
        {t('auth.signUp.haveAccount')}{' '}
        <Link to={next ? `/entrar?next=${encodeURIComponent(next)}` : '/entrar'}>{t('auth.signIn.title')}</Link>
      </p>
    </div>
  );
}
