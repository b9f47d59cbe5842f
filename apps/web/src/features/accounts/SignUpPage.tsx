import { useTranslation } from 'react-i18next';
import { Field } from '../../ui/Field';
import { signUp } from './api';
import { AuthFormPage } from './AuthFormPage';
import { maxDisplayNameLength, maxPasswordLength, minPasswordLength, validateSignUp } from './validation';

export function SignUpPage() {
  const { t } = useTranslation();
  return (
    <AuthFormPage
      title={t('auth.signUp.title')}
      intro={t('auth.signUp.intro')}
      submitLabel={t('auth.signUp.submit')}
      submittingLabel={t('auth.signUp.submitting')}
      switchTo={{ prompt: t('auth.signUp.haveAccount'), label: t('auth.signIn.title'), path: '/entrar' }}
      initial={{ displayName: '', email: '', password: '' }}
      validate={validateSignUp}
      submit={signUp}
    >
      {(field) => (
        <>
          <Field
            label={t('auth.fields.displayName')}
            type="text"
            maxLength={maxDisplayNameLength}
            autoComplete="name"
            required
            {...field('displayName')}
          />
          <Field label={t('auth.fields.email')} type="email" autoComplete="email" required {...field('email')} />
          <Field
            label={t('auth.fields.password')}
            type="password"
            maxLength={maxPasswordLength}
            autoComplete="new-password"
            required
            hint={t('auth.fields.passwordHint', { min: minPasswordLength })}
            {...field('password')}
          />
        </>
      )}
    </AuthFormPage>
  );
}
