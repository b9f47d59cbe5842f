import '../../charging/registration/registration.css';
import './registration.css';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { isApiError } from '../../../api/client';
import type { SessionUser } from '../../../api/types';
import { ErrorMessage } from '../../../ui/Status';
import { usePageTitle } from '../../../ui/usePageTitle';
import { RequireSignIn } from '../../accounts/RequireSignIn';
import { useSession } from '../../accounts/session';
import { useVocabularies } from '../useVocabularies';
import { createRegistration } from './api';
import { CheckboxField } from './CheckboxField';
import {
  emptyForm, firstStepWithError, registrationBodyOf, serverErrors, stepOf, steps, validateStep,
  type CompanyForm, type FormErrors, type PlantForm, type RegistrationForm, type Step,
} from './form';
import { myPlantsPath } from './paths';
import { ActivitySection, CompanySection, ContactSection, LocationSection, useMessage } from './PlantSections';
import { Review } from './Review';

/** `/proveedores/registrar`: a company registers itself and one plant, step by step. */
export function RegisterPage() {
  const { t } = useTranslation();
  usePageTitle(t('suppliersRegistration.register.title'));
  return (
    <RequireSignIn>
      <RegisterContent />
    </RequireSignIn>
  );
}

function RegisterContent() {
  const { user } = useSession();
  // RequireSignIn renders this only with a user.
  return user ? <Wizard user={user} /> : null;
}

function Wizard({ user }: { user: SessionUser }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const session = useSession();
  const vocab = useVocabularies();
  const id = useId();
  const [form, setForm] = useState<RegistrationForm>(() => emptyForm(user.memberships));
  const [step, setStep] = useState<Step>('company');
  const [reached, setReached] = useState(0);
  const [errors, setErrors] = useState<FormErrors>({});
  const [submitError, setSubmitError] = useState<unknown>();
  const [submitting, setSubmitting] = useState(false);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const firstRender = useRef(true);
  const message = useMessage(errors);
  const index = steps.indexOf(step);

  // Moving between steps puts focus on the new step's heading, so screen readers announce it.
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    headingRef.current?.focus();
  }, [step]);

  // Editing a field clears its message (and its items'), until the next check.
  const clearErrors = (prefix: string, keys: string[]) =>
    setErrors((previous) => {
      const paths = keys.map((k) => `${prefix}/${k}`);
      const kept = Object.entries(previous).filter(([path]) => !paths.some((p) => path === p || path.startsWith(`${p}/`)));
      return kept.length === Object.keys(previous).length ? previous : Object.fromEntries(kept);
    });
  const updateCompany = (patch: Partial<CompanyForm>) => {
    setForm((f) => ({ ...f, company: { ...f.company, ...patch } }));
    clearErrors('/company', Object.keys(patch));
  };
  const updatePlant = (patch: Partial<PlantForm>) => {
    setForm((f) => ({ ...f, plant: { ...f.plant, ...patch } }));
    // The other markets' message sits on the export markets list.
    clearErrors('/establishment', Object.keys(patch).map((k) => (k === 'otherMarkets' ? 'exportMarkets' : k)));
  };

  const go = (next: Step) => {
    setStep(next);
    setReached((r) => Math.max(r, steps.indexOf(next)));
  };

  const focusFirstInvalid = () =>
    window.requestAnimationFrame(() => document.querySelector<HTMLElement>(`#${CSS.escape(id)} [aria-invalid="true"]`)?.focus());

  /** Checks the current step; keeps the errors of other steps (the server's) as they are. */
  const checkStep = (): boolean => {
    const found = validateStep(form, step);
    setErrors((previous) => ({ ...Object.fromEntries(Object.entries(previous).filter(([path]) => stepOf(path) !== step)), ...found }));
    if (Object.keys(found).length > 0) {
      focusFirstInvalid();
      return false;
    }
    return true;
  };

  const send = async () => {
    const found = validateStep(form, 'review');
    setErrors(found);
    const wrong = firstStepWithError(found);
    if (wrong) {
      go(wrong);
      focusFirstInvalid();
      return;
    }
    setSubmitting(true);
    setSubmitError(undefined);
    try {
      const result = await createRegistration(registrationBodyOf(form));
      // A new organisation made the user its editor: the menu and the next forms should know.
      await session.refresh();
      void navigate(myPlantsPath, { state: { message: t('suppliersRegistration.register.created', { name: result.name }) } });
    } catch (error) {
      setSubmitError(error);
      if (isApiError(error)) {
        const fromServer = serverErrors(error);
        setErrors(fromServer);
        const wrong = firstStepWithError(fromServer);
        if (wrong && wrong !== 'review') go(wrong);
      }
    } finally {
      setSubmitting(false);
    }
  };

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (step === 'review') {
      void send();
      return;
    }
    if (checkStep()) go(steps[index + 1]!);
  };

  const stepErrors = Object.keys(errors).filter((path) => stepOf(path) === step).length;

  return (
    <div className="page" data-testid="supplier-register">
      <h1>{t('suppliersRegistration.register.title')}</h1>
      <p className="lead">{t('suppliersRegistration.register.lead')}</p>
      <nav className="supplier-steps" aria-label={t('suppliersRegistration.steps.label')}>
        <ol>
          {steps.map((s, i) => (
            <li key={s} aria-current={s === step ? 'step' : undefined}>
              {i <= reached && s !== step ? (
                <button type="button" onClick={() => go(s)} data-testid={`step-${s}`}>
                  <span className="supplier-steps__label">{t(`suppliersRegistration.steps.${s}`)}</span>
                </button>
              ) : (
                <span data-testid={`step-${s}`}>
                  <span className="supplier-steps__label">{t(`suppliersRegistration.steps.${s}`)}</span>
                </span>
              )}
            </li>
          ))}
        </ol>
      </nav>
      <form id={id} className="form" noValidate onSubmit={onSubmit} data-testid="supplier-registration-form">
        <section className="registration-fieldset" aria-labelledby={`${id}-heading`} data-step={step}>
          <h2 id={`${id}-heading`} ref={headingRef} tabIndex={-1}>
            {t('suppliersRegistration.steps.heading', { n: index + 1, total: steps.length, step: t(`suppliersRegistration.steps.${step}`) })}
          </h2>
          <p className="field__hint">{t(`suppliersRegistration.steps.intro.${step}`)}</p>
          {step === 'company' ? (
            <CompanySection
              company={form.company}
              update={updateCompany}
              message={message}
              memberships={user.memberships}
              organisationId={form.organisationId}
              setOrganisation={(organisationId, name) =>
                setForm((f) => ({ ...f, organisationId, company: { ...f.company, legalName: f.company.legalName || name } }))
              }
              vocab={vocab}
            />
          ) : step === 'location' ? (
            <LocationSection plant={form.plant} update={updatePlant} message={message} />
          ) : step === 'activity' ? (
            <ActivitySection plant={form.plant} update={updatePlant} message={message} vocab={vocab} />
          ) : step === 'contact' ? (
            <>
              <ContactSection plant={form.plant} update={updatePlant} message={message} />
              <CheckboxField
                label={t('suppliersRegistration.contact.declaration')}
                checked={form.declaration}
                required
                onChange={(e) => {
                  setForm((f) => ({ ...f, declaration: e.target.checked }));
                  clearErrors('', ['declaration']);
                }}
                error={message('/declaration')}
                data-testid="declaration"
              />
            </>
          ) : (
            <Review form={form} vocab={vocab} errors={errors} onEdit={go} />
          )}
        </section>
        {stepErrors > 0 && !submitError ? (
          <p className="field__error" role="alert">
            {t('suppliersRegistration.validation.summary')}
          </p>
        ) : null}
        {submitError ? <ErrorMessage error={submitError} /> : null}
        <div className="actions">
          {index > 0 ? (
            <button type="button" className="button button--secondary" onClick={() => go(steps[index - 1]!)} data-testid="step-back">
              {t('suppliersRegistration.steps.back')}
            </button>
          ) : null}
          <button type="submit" className="button button--primary" disabled={submitting} data-testid={step === 'review' ? 'registration-submit' : 'step-next'}>
            {step === 'review' ? t('suppliersRegistration.register.submit') : t('suppliersRegistration.steps.next')}
          </button>
        </div>
      </form>
    </div>
  );
}
