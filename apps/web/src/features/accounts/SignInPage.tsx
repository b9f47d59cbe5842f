import { useTranslation } from 'react-i18next';
import { Field } from '../../ui/Field';
import { signIn } from './api';
import { AuthFormPage } from './AuthFormPage';
import { maxPasswordLength, validateSignIn } from './validation';

export function SignInPage() {
  const { t } = useTranslation();
  return (
    <AuthFormPage
      title={t('auth.signIn.title')}
      intro={t('auth.signIn.intro')}
      submitLabel={t('auth.signIn.submit')}
      submittingLabel={t('auth.signIn.submitting')}
      switchTo={{ prompt: t('auth.signIn.noAccount'), label: t('auth.signUp.title'), path: '/registro' }}
      initial={{ email: '', password: '' }}
      validate={validateSignIn}
      submit={signIn}
    >
      {(field) => (
        <>
          <Field label={t('auth.fields.email')} type="email" autoComplete="email" required {...field('email')} />
          <Field
            label={t('auth.fields.password')}
            type="password"
            maxLength={maxPasswordLength}
            autoComplete="current-password"
            required
            {...field('password')}
          />
        </>
      )}
    </AuthFormPage>
  );
}
