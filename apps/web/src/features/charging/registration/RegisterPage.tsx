import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { RequireSignIn } from '../../accounts/RequireSignIn';
import { AsyncContent } from '../../../ui/AsyncContent';
import { usePageTitle } from '../../../ui/usePageTitle';
import { useAsyncData } from '../../../ui/useAsyncData';
import { createRegistration, registrationOptions } from './api';
import { createBodyOf, emptyForm } from './form';
import { RegistrationForm } from './RegistrationForm';

/** "Registrar cargador": operators register public locations, anyone signed in a private charger. */
export function RegisterPage() {
  const { t } = useTranslation();
  usePageTitle(t('chargingRegistration.register.title'));
  return (
    <RequireSignIn>
      <RegisterContent />
    </RequireSignIn>
  );
}

function RegisterContent() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const options = useAsyncData((signal) => registrationOptions(signal), []);
  return (
    <div className="page">
      <h1>{t('chargingRegistration.register.title')}</h1>
      <p className="lead">{t('chargingRegistration.register.lead')}</p>
      <AsyncContent state={options}>
        {(opts) => {
          // Operators start as operators; everyone else as the owner of a private charger.
          const first = opts.operatorOrganisations[0];
          const initial = first ? emptyForm('operator', first.id) : emptyForm('owner');
          return (
            <RegistrationForm
              initial={initial}
              options={opts}
              submitLabel={t('chargingRegistration.register.submit')}
              onSubmit={async (form) => {
                await createRegistration(createBodyOf(form));
                void navigate('/cargadores/mis-cargadores', { state: { message: t('chargingRegistration.register.created') } });
              }}
            />
          );
        }}
      </AsyncContent>
    </div>
  );
}
