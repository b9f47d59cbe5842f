import './skills.css';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { translateDynamic } from '../../i18n/dynamic';
import { formatInteger } from '../../i18n/format';
import { DataTable } from '../../ui/DataTable';
import { ErrorMessage, Loading } from '../../ui/Status';
import { useAsyncData } from '../../ui/useAsyncData';
import { usePageTitle } from '../../ui/usePageTitle';
import { getOccupation, getPathway } from './api';
import { OccupationLink, SalaryText, SkillLink, SkillsSubnav, TaxonomyLabel, TaxonomySources } from './components';
import { formatMoney, schemesOf } from './labels';
import { isTaxonomyId } from './paths';
import { PickedList, TaxonomyPicker } from './TaxonomyPicker';
import { CourseList } from './CourseList';
import type { OccupationDetail, Pathway, PathwaySide, SalaryStats } from './types';
import { useVocab } from './vocab';

/** `/habilidades/trayectorias?from=…&to=…`: from my current job to another, through the skills in between. */
export function PathwayPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  usePageTitle(t('skills.pathway.title'));
  const [params, setParams] = useSearchParams();
  const from = isTaxonomyId(params.get('from') ?? '') ? params.get('from')! : '';
  const to = isTaxonomyId(params.get('to') ?? '') ? params.get('to')! : '';
  const fromOccupation = useAsyncData((signal) => (from ? getOccupation(from, lang, signal) : null), [from, lang]);
  const toOccupation = useAsyncData((signal) => (to ? getOccupation(to, lang, signal) : null), [to, lang]);
  const pathway = useAsyncData((signal) => (from && to ? getPathway(from, to, signal) : null), [from, to]);
  const set = (key: 'from' | 'to', value: string) =>
    setParams(
      (current) => {
        const p = new URLSearchParams(current);
        if (value) p.set(key, value);
        else p.delete(key);
        return p;
      },
      { replace: true },
    );

  const picker = (key: 'from' | 'to', label: string, detail: OccupationDetail | undefined, id: string) =>
    id ? (
      <div className="field" data-testid={`pathway-${key}-picked`}>
        <p className="field__label">{label}</p>
        <PickedList items={[{ id, label: detail?.label ?? id }]} onRemove={() => set(key, '')} />
      </div>
    ) : (
      <TaxonomyPicker kind="occupation" name={key} label={label} hint={t('skills.editor.occupationHint')} onPick={(o) => set(key, o.id)} />
    );

  return (
    <div className="page page--wide skills-page" data-testid="pathway-page">
      <h1>{t('skills.pathway.title')}</h1>
      <p className="lead">{t('skills.pathway.intro')}</p>
      <SkillsSubnav />
      <form className="card pathway-form" onSubmit={(e) => e.preventDefault()} aria-label={t('skills.pathway.title')}>
        {picker('from', t('skills.pathway.from'), fromOccupation.data ?? undefined, from)}
        {picker('to', t('skills.pathway.to'), toOccupation.data ?? undefined, to)}
        {from || to ? (
          <button type="button" className="button button--secondary" onClick={() => setParams(new URLSearchParams({ ...(to ? { from: to } : {}), ...(from ? { to: from } : {}) }), { replace: true })}>
            {t('skills.pathway.swap')}
          </button>
        ) : null}
      </form>
      {!from || !to ? <p className="muted">{t('skills.pathway.pick')}</p> : null}
      {pathway.error ? <ErrorMessage error={pathway.error} onRetry={pathway.reload} /> : null}
      {from && to && pathway.loading && !pathway.data ? <Loading /> : null}
      {pathway.data && from && to ? <PathwayView p={pathway.data} details={[fromOccupation.data ?? undefined, toOccupation.data ?? undefined]} /> : null}
      <TaxonomySources />
    </div>
  );
}

function PathwayView({ p, details }: { p: Pathway; details: [OccupationDetail | undefined, OccupationDetail | undefined] }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const vocab = useVocab();
  const coursesBySkill = new Map(p.courses.map((c) => [c.skillId, c.courses]));
  const essential = p.skillsToGain.filter((s) => s.relation === 'essential');
  const optional = p.skillsToGain.filter((s) => s.relation !== 'essential');
  return (
    <div data-testid="pathway-result">
      <h2 className="pathway-heading">
        <OccupationLink occupation={p.from.occupation} /> → <OccupationLink occupation={p.to.occupation} />
      </h2>
      <p className="lead" data-testid="pathway-summary">
        {t('skills.pathway.summary', { shared: formatInteger(p.sharedSkills.length, lang), gain: formatInteger(p.skillsToGain.length, lang) })}
      </p>
      <div className="pathway-columns">
        <section className="card" aria-labelledby="pathway-gain">
          <h3 id="pathway-gain">{t('skills.pathway.toGain')}</h3>
          <p className="small muted">{t('skills.pathway.essentialFirst')}</p>
          {p.skillsToGain.length === 0 ? (
            <p className="muted">{t('skills.pathway.noGain')}</p>
          ) : (
            <ol className="pathway-skills" data-testid="pathway-to-gain">
              {[...essential, ...optional].map((s) => (
                <li key={s.id} data-relation={s.relation}>
                  <SkillLink skill={s} /> <span className={`tag ${s.relation === 'essential' ? 'tag--gap' : 'tag--muted'}`}>{vocab('relations', s.relation)}</span>
                  <CourseList courses={coursesBySkill.get(s.id) ?? []} />
                </li>
              ))}
            </ol>
          )}
          <p className="small muted">{t(p.courses.length > 0 ? 'skills.pathway.courses' : 'skills.pathway.noCourses')}</p>
        </section>
        <section className="card" aria-labelledby="pathway-shared">
          <h3 id="pathway-shared">{t('skills.pathway.shared')}</h3>
          {p.sharedSkills.length === 0 ? (
            <p className="muted">{t('skills.pathway.noShared')}</p>
          ) : (
            <ul className="tag-list" data-testid="pathway-shared">
              {p.sharedSkills.map((s) => (
                <li key={s.id} className="tag tag--ev">
                  <SkillLink skill={s} />
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
      <section className="card" aria-labelledby="pathway-salaries">
        <h3 id="pathway-salaries">{t('skills.pathway.salaries')}</h3>
        <h4>{t('skills.pathway.salaryMx')}</h4>
        <SalaryTable sides={[p.from, p.to]} />
        <p className="small muted" lang="en">
          {p.from.salaries.mx.source}
        </p>
        <h4>{t('skills.pathway.salaryUs')}</h4>
        <UsWages details={details} />
      </section>
      <TaxonomySources schemes={[...schemesOf([p.from.occupation.id, p.to.occupation.id])]} />
    </div>
  );
}

function SalaryTable({ sides }: { sides: [PathwaySide, PathwaySide] }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  type Row = { side: PathwaySide; range: SalaryStats | null };
  const rows = sides.flatMap((side): Row[] => (side.salaries.mx.ranges.length === 0 ? [{ side, range: null }] : side.salaries.mx.ranges.map((range) => ({ side, range }))));
  return (
    <DataTable
      caption={t('skills.pathway.salaryMx')}
      testId="pathway-salary-mx"
      columns={[
        t('skills.pathway.columns.occupation'),
        t('skills.pathway.columns.period'),
        { label: t('skills.pathway.columns.count'), numeric: true },
        { label: t('skills.pathway.columns.min'), numeric: true },
        { label: t('skills.pathway.columns.median'), numeric: true },
        { label: t('skills.pathway.columns.max'), numeric: true },
      ]}
    >
      {rows.map(({ side, range }, i) => (
        <tr key={`${side.occupation.id}-${i}`}>
          <td>
            <TaxonomyLabel item={side.occupation} />
          </td>
          {range ? (
            <>
              <td>
                {translateDynamic(t, `skills.salary.periods.${range.period}`, range.period)} ({range.currency})
              </td>
              <td className="num">{formatInteger(range.count, lang)}</td>
              <td className="num">{formatMoney(range.min, range.currency, lang)}</td>
              <td className="num">
                <SalaryText salary={{ min: range.median, max: range.median, currency: range.currency, period: range.period }} />
              </td>
              <td className="num">{formatMoney(range.max, range.currency, lang)}</td>
            </>
          ) : (
            <td colSpan={5} className="muted">
              {t('skills.pathway.noSalaryMx')}
            </td>
          )}
        </tr>
      ))}
    </DataTable>
  );
}

function UsWages({ details }: { details: [OccupationDetail | undefined, OccupationDetail | undefined] }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const loaded = details.filter((d): d is OccupationDetail => d !== undefined);
  const source = loaded.flatMap((d) => d.usWages)[0];
  return (
    <>
      <DataTable
        caption={t('skills.pathway.salaryUs')}
        testId="pathway-salary-us"
        columns={[t('skills.pathway.columns.occupation'), t('skills.occupation.wageColumns.soc'), { label: t('skills.occupation.wageColumns.median'), numeric: true }, { label: t('skills.occupation.wageColumns.hourly'), numeric: true }]}
      >
        {loaded.map((d) =>
          d.usWages.length === 0 ? (
            <tr key={d.id}>
              <td>
                <Link to={`/habilidades/ocupaciones/${encodeURIComponent(d.id)}`}>
                  <span lang={d.labelLang}>{d.label}</span>
                </Link>
              </td>
              <td colSpan={3} className="muted">
                {t('skills.occupation.noWages')}
              </td>
            </tr>
          ) : (
            d.usWages.map((w) => (
              <tr key={`${d.id}-${w.socCode}`}>
                <td>
                  <span lang={d.labelLang}>{d.label}</span>
                </td>
                <td>{w.socCode}</td>
                <td className="num">{w.annualMedian === null ? '—' : formatMoney(w.annualMedian, 'USD', lang)}</td>
                <td className="num">{w.hourlyMedian === null ? '—' : formatMoney(w.hourlyMedian, 'USD', lang)}</td>
              </tr>
            ))
          ),
        )}
      </DataTable>
      {source ? <p className="small">{t('skills.occupation.wageSource', { source: source.source, vintage: source.vintage })}</p> : null}
    </>
  );
}
