import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../labels';
import type { Vocabularies } from '../useVocabularies';
import { countryName, marketCodes, splitList, stepOf, type FormErrors, type RegistrationForm, type Step } from './form';

interface Props {
  form: RegistrationForm;
  vocab: Vocabularies;
  errors: FormErrors;
  onEdit: (step: Step) => void;
}

/** The last step: everything the company declared, section by section, with a way back to each. */
export function Review({ form, vocab, errors, onEdit }: Props) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const none = t('suppliersRegistration.notDeclared');
  const { company, plant } = form;
  const list = (items: string[]) => (items.length ? items.join(', ') : none);
  const others = Object.entries(errors).filter(([path]) => stepOf(path) === 'review');
  // A plain function, not a component: a new component type on every render would remount the sections.
  const section = (step: Exclude<Step, 'review'>, rows: Array<[string, ReactNode]>) => (
    <section className="supplier-review-section" aria-labelledby={`review-${step}`}>
      <h3 id={`review-${step}`}>{t(`suppliersRegistration.steps.${step}`)}</h3>
      <dl className="facts supplier-review" data-testid={`review-${step}`}>
        {rows.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value || none}</dd>
          </div>
        ))}
      </dl>
      <button type="button" className="button button--secondary" onClick={() => onEdit(step)} aria-label={t('suppliersRegistration.review.changeSection', { section: t(`suppliersRegistration.steps.${step}`) })}>
        {t('suppliersRegistration.review.change')}
      </button>
    </section>
  );
  const address = [[plant.street, plant.exteriorNumber].filter((v) => v.trim()).join(' '), plant.industrialPark, plant.neighbourhood, plant.locality, plant.postalCode]
    .map((v) => v.trim())
    .filter(Boolean)
    .join(', ');
  return (
    <div data-testid="review">
      {others.length > 0 ? (
        <ul className="field__error">
          {others.map(([path, m]) => (
            <li key={path}>
              <code>{path}</code>: {'text' in m ? m.text : t(`suppliersRegistration.validation.${m.key}`)}
            </li>
          ))}
        </ul>
      ) : null}
      {section('company', [
          [t('suppliersRegistration.company.legalName'), company.legalName],
          [t('suppliersRegistration.company.rfc'), company.rfc.toUpperCase()],
          [t('suppliersRegistration.company.tradeNames'), splitList(company.tradeNames).join(', ')],
          [t('suppliersRegistration.company.sizeClass'), company.sizeClass ? vocab.size(company.sizeClass) : ''],
          [t('suppliersRegistration.company.ownershipCountry'), company.ownershipCountry ? countryName(company.ownershipCountry.toUpperCase(), lang) : ''],
          [t('suppliersRegistration.company.website'), company.website],
        ])}
      {section('location', [
          [t('suppliersRegistration.plant.name'), plant.name],
          [t('suppliersRegistration.review.point'), plant.lat && plant.lon ? `${plant.lat}, ${plant.lon}` : ''],
          [t('suppliersRegistration.review.address'), address],
        ])}
      {section('activity', [
          [t('suppliersRegistration.activity.scian'), plant.scian],
          [t('suppliersRegistration.activity.employees'), plant.employeesStratum ? vocab.stratum(plant.employeesStratum) : ''],
          [t('suppliersRegistration.activity.tiers'), list(plant.tiers.map(vocab.tier))],
          [t('suppliersRegistration.activity.processes'), list(plant.processes.map(vocab.process))],
          [t('suppliersRegistration.activity.components'), list(plant.components.map(vocab.component))],
          [
            t('suppliersRegistration.activity.certifications'),
            list(plant.certifications.map((c) => (c.expiresOn ? t('suppliersRegistration.review.certification', { name: vocab.certification(c.code), date: formatDate(c.expiresOn, lang) }) : vocab.certification(c.code)))),
          ],
          [t('suppliersRegistration.activity.evReadiness'), plant.evReadiness ? vocab.evReadiness(plant.evReadiness) : ''],
          [t('suppliersRegistration.activity.oemCustomers'), splitList(plant.oemCustomers).join(', ')],
          [t('suppliersRegistration.activity.exportMarkets'), list(marketCodes(plant).codes.map((c) => countryName(c, lang)))],
        ])}
      {section('contact', [
          [t('suppliersRegistration.contact.phone'), plant.phone],
          [t('suppliersRegistration.contact.email'), plant.email],
          [t('suppliersRegistration.contact.website'), plant.website],
          [t('suppliersRegistration.review.consent'), plant.contactConsent ? t('suppliersRegistration.review.consentYes') : t('suppliersRegistration.review.consentNo')],
        ])}
    </div>
  );
}
