import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { DataTable } from '../../ui/DataTable';
import { usePageTitle } from '../../ui/usePageTitle';
import { uptimePath } from './paths';
import './uptime.css';

/** The rule as published (23 CFR 680.116(b)), quoted in its original English. */
const ruleText = [
  '(b) Minimum uptime. States or other direct recipients must ensure that each charging port has an average annual uptime of greater than 97%.',
  '(1) A charging port is considered "up" when its hardware and software are both online and available for use, or in use, and the charging port successfully dispenses electricity in accordance with requirements for minimum power level (see § 680.106(d)).',
  '(2) Charging port uptime must be calculated on a monthly basis for the previous twelve months.',
  '(3) Charging port uptime percentage must be calculated using the following equation: µ = ((525,600 − (T_outage − T_excluded)) / 525,600) × 100',
];

const statusRows = [
  ['AVAILABLE', 'up'], ['CHARGING', 'up'], ['BLOCKED', 'up'], ['RESERVED', 'up'],
  ['INOPERATIVE', 'outage'], ['OUTOFORDER', 'outage'], ['UNKNOWN', 'outage'],
  ['PLANNED', 'notInService'], ['REMOVED', 'notInService'],
] as const;

/** `/disponibilidad/metodo`: how uptime and availability are computed, in plain words. */
export function MethodPage() {
  const { t } = useTranslation();
  usePageTitle(t('uptime.methodPage.title'));
  const sections = ['port', 'month', 'history', 'noData', 'hours', 'exclusions', 'groups', 'limits'] as const;
  return (
    <div className="page" data-testid="uptime-method-page">
      <nav aria-label={t('common.breadcrumb')} className="breadcrumb">
        <ol>
          <li>
            <Link to={uptimePath}>{t('uptime.title')}</Link>
          </li>
          <li aria-current="page">{t('uptime.methodPage.title')}</li>
        </ol>
      </nav>
      <h1>{t('uptime.methodPage.title')}</h1>
      <p className="lead">{t('uptime.methodPage.intro')}</p>

      <section className="card">
        <h2>{t('uptime.methodPage.formulaTitle')}</h2>
        <p className="uptime-formula" data-testid="uptime-formula">{t('uptime.methodPage.formula')}</p>
        <p className="uptime-formula">{t('uptime.methodPage.availabilityFormula')}</p>
        <p>{t('uptime.methodPage.formulaNote')}</p>
      </section>

      <section className="card">
        <h2>{t('uptime.methodPage.statusTitle')}</h2>
        <DataTable caption={t('uptime.methodPage.statusTitle')} columns={[t('uptime.methodPage.statusColumn'), t('uptime.methodPage.countsAs')]}>
          {statusRows.map(([status, kind]) => (
            <tr key={status}>
              <th scope="row"><code>{status}</code></th>
              <td>{t(`uptime.methodPage.kinds.${kind}`)}</td>
            </tr>
          ))}
        </DataTable>
      </section>

      {sections.map((s) => (
        <section className="card" key={s}>
          <h2>{t(`uptime.methodPage.sections.${s}.title`)}</h2>
          <p>{t(`uptime.methodPage.sections.${s}.body`)}</p>
        </section>
      ))}

      <section className="card">
        <h2>{t('uptime.methodPage.ruleTitle')}</h2>
        <p className="muted small">{t('uptime.methodPage.ruleNote')}</p>
        <blockquote lang="en" className="uptime-rule">
          {ruleText.map((p) => (
            <p key={p.slice(0, 4)}>{p}</p>
          ))}
        </blockquote>
        <p>{t('uptime.methodPage.ruleSummary')}</p>
      </section>
    </div>
  );
}
