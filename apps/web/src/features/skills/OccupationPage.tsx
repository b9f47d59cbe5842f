import './skills.css';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { isApiError } from '../../api/client';
import { formatDecimal, formatInteger } from '../../i18n/format';
import { DataTable } from '../../ui/DataTable';
import { Fact, FactList } from '../../ui/Facts';
import { ErrorMessage, Loading } from '../../ui/Status';
import { useAsyncData } from '../../ui/useAsyncData';
import { usePageTitle } from '../../ui/usePageTitle';
import { getOccupation, relatedOccupations } from './api';
import { OccupationLink, SkillsSubnav, TaxonomyLabel, TaxonomySources } from './components';
import { formatMoney } from './labels';
import { jobBoardPath, pathwayPath, skillPath, taxonomyPath } from './paths';
import type { OccupationDetail, OccupationSkill } from './types';
import { useVocab } from './vocab';

/** `/habilidades/ocupaciones/:id`: an occupation with its skills, codes, crosswalk, US wages and neighbours. */
export function OccupationPage() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const occupation = useAsyncData((signal) => getOccupation(id, i18n.language, signal), [id, i18n.language]);
  usePageTitle(occupation.data?.label ?? t('skills.occupation.kind'));
  const notFound = isApiError(occupation.error) && occupation.error.status === 404;
  return (
    <div className="page skills-page" data-testid="occupation-page">
      {notFound ? (
        <>
          <h1>{t('skills.occupation.notFound')}</h1>
          <p>
            <Link to={taxonomyPath}>{t('skills.nav.taxonomy')}</Link>
          </p>
        </>
      ) : occupation.error ? (
        <ErrorMessage error={occupation.error} onRetry={occupation.reload} />
      ) : occupation.data ? (
        <OccupationView o={occupation.data} />
      ) : (
        <Loading />
      )}
    </div>
  );
}

function SkillList({ skills, testId }: { skills: OccupationSkill[]; testId: string }) {
  const { t, i18n } = useTranslation();
  return (
    <ul className="skill-columns" data-testid={testId}>
      {skills.map((s) => (
        <li key={s.id} data-id={s.id}>
          <Link to={skillPath(s.id)}>
            <TaxonomyLabel item={s} />
          </Link>
          {s.evRelated ? <span className="tag tag--ev">{t('skills.common.evTag')}</span> : null}
          {s.importance !== null ? <span className="small muted"> · {t('skills.occupation.importance', { value: formatDecimal(s.importance, i18n.language, 1) })}</span> : null}
        </li>
      ))}
    </ul>
  );
}

function OccupationView({ o }: { o: OccupationDetail }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const en = lang.startsWith('en');
  const vocab = useVocab();
  const related = useAsyncData((signal) => relatedOccupations(o.id, 10, signal), [o.id]);
  const otherLabel = en ? o.labelEs : o.labelEn;
  const description = (en ? o.description.en : o.description.es) ?? (en ? o.description.es : o.description.en);
  const descriptionLang = (en ? o.description.en : o.description.es) ? (en ? 'en' : 'es') : en ? 'es' : 'en';
  const alt = [...(en ? o.altLabels.en : o.altLabels.es)];
  const money = (v: number | null) => (v === null ? '—' : formatMoney(v, 'USD', lang));
  const schemes = new Set<string>([o.scheme, ...o.crosswalk.map((c) => c.id.split(':')[0] ?? '')]);
  return (
    <article>
      <p className="eyebrow">
        {t('skills.occupation.kind')} · {vocab('schemes', o.scheme)}
        {o.evRelated ? <span className="tag tag--ev">{t('skills.common.evTag')}</span> : null}
      </p>
      <h1 lang={o.labelLang} data-testid="occupation-title">
        {o.label}
      </h1>
      <SkillsSubnav />
      {otherLabel && otherLabel !== o.label ? (
        <p className="lead" lang={en ? 'es' : 'en'}>
          {en ? t('skills.occupation.otherLabelEs') : t('skills.occupation.otherLabel')}: {otherLabel}
        </p>
      ) : null}
      <p className="actions">
        <Link className="button button--primary" to={`${jobBoardPath}?${new URLSearchParams({ occupation: o.id }).toString()}`}>
          {t('skills.common.seeOnBoard')}
        </Link>
        <Link className="button button--secondary" to={pathwayPath(o.id, null)} data-testid="pathway-from">
          {t('skills.occupation.pathwayFrom')}
        </Link>
      </p>
      <section className="card" aria-labelledby="occupation-description">
        <h2 id="occupation-description">{t('skills.occupation.description')}</h2>
        {description ? <p lang={descriptionLang}>{description}</p> : <p className="muted">{t('skills.occupation.noDescription')}</p>}
        {alt.length > 0 ? (
          <>
            <h3>{t('skills.occupation.altLabels')}</h3>
            <p className="small" data-testid="occupation-alt-labels">
              {alt.slice(0, 30).join(' · ')}
            </p>
          </>
        ) : null}
        <FactList>
          <Fact label={t('skills.occupation.isco')}>
            {o.iscoCode ?? '—'}
            {o.iscoGroup ? ` · ${(en ? o.iscoGroup.labelEn : o.iscoGroup.labelEs) ?? ''}` : ''}
          </Fact>
          <Fact label={t('skills.occupation.soc')}>{o.socCode ?? '—'}</Fact>
          <Fact label={t('skills.occupation.scheme')}>
            {vocab('schemes', o.scheme)}
            {o.escoVersion ? ` ${o.escoVersion}` : ''} · <code>{o.id}</code>
          </Fact>
        </FactList>
      </section>
      <section className="card" aria-labelledby="occupation-skills">
        <h2 id="occupation-skills">{t('skills.occupation.essential')}</h2>
        {o.skills.essential.length + o.skills.optional.length === 0 ? <p className="muted">{t('skills.occupation.noSkills')}</p> : <SkillList skills={o.skills.essential} testId="occupation-essential" />}
        {o.skills.optional.length > 0 ? (
          <details>
            <summary>
              {t('skills.occupation.optional')} ({formatInteger(o.skills.optional.length, lang)})
            </summary>
            <SkillList skills={o.skills.optional} testId="occupation-optional" />
          </details>
        ) : null}
      </section>
      <section className="card" aria-labelledby="occupation-crosswalk">
        <h2 id="occupation-crosswalk">{t('skills.occupation.crosswalk')}</h2>
        <p className="small muted">{t('skills.occupation.crosswalkIntro')}</p>
        {o.crosswalk.length === 0 ? (
          <p className="muted">{t('skills.occupation.noCrosswalk')}</p>
        ) : (
          <ul className="plain-list" data-testid="occupation-crosswalk">
            {o.crosswalk.map((c) => (
              <li key={c.id}>
                <OccupationLink occupation={c} /> <span className="small muted">({vocab('schemes', c.id.split(':')[0] ?? '')}{c.socCode ? ` ${c.socCode}` : ''}</span>
                {c.confidence !== null ? <span className="small muted"> · {t('skills.occupation.confidence')}: {formatDecimal(c.confidence, lang, 2)}</span> : null}
                <span className="small muted">)</span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="card" aria-labelledby="occupation-wages">
        <h2 id="occupation-wages">{t('skills.occupation.wages')}</h2>
        <p className="small muted">{t('skills.occupation.wagesIntro')}</p>
        {o.usWages.length === 0 ? (
          <p className="muted">{t('skills.occupation.noWages')}</p>
        ) : (
          <>
            <DataTable
              caption={t('skills.occupation.wages')}
              testId="occupation-wages"
              columns={[
                t('skills.occupation.wageColumns.soc'),
                { label: t('skills.occupation.wageColumns.median'), numeric: true },
                { label: t('skills.occupation.wageColumns.p10'), numeric: true },
                { label: t('skills.occupation.wageColumns.p90'), numeric: true },
                { label: t('skills.occupation.wageColumns.hourly'), numeric: true },
                { label: t('skills.occupation.wageColumns.employment'), numeric: true },
              ]}
            >
              {o.usWages.map((w) => (
                <tr key={w.socCode}>
                  <td>
                    {w.socCode}
                    {w.title ? <div className="small muted" lang="en">{w.title}</div> : null}
                  </td>
                  <td className="num">{money(w.annualMedian)}</td>
                  <td className="num">{money(w.annualP10)}</td>
                  <td className="num">{money(w.annualP90)}</td>
                  <td className="num">{money(w.hourlyMedian)}</td>
                  <td className="num">{formatInteger(w.employment, lang)}</td>
                </tr>
              ))}
            </DataTable>
            <p className="small" data-testid="wage-source">
              {t('skills.occupation.wageSource', { source: o.usWages[0]!.source, vintage: o.usWages[0]!.vintage })}
            </p>
          </>
        )}
      </section>
      <section className="card" aria-labelledby="occupation-related">
        <h2 id="occupation-related">{t('skills.occupation.related')}</h2>
        <p className="small muted">{t('skills.occupation.relatedIntro')}</p>
        <RelatedList o={o} jobs={related.data?.items} />
      </section>
      <TaxonomySources sources={o.sources} schemes={[...schemes]} />
    </article>
  );
}

/** Related by shared essential skills (the job board's Jaccard ranking), else the taxonomy's own list. */
function RelatedList({ o, jobs }: { o: OccupationDetail; jobs: Array<{ id: string; labelEs: string | null; labelEn: string | null; sharedEssentialSkills: number }> | undefined }) {
  const { t } = useTranslation();
  const items = jobs && jobs.length > 0 ? jobs.map((r) => ({ ...r, shared: r.sharedEssentialSkills as number | null })) : o.related.map((r) => ({ ...r, shared: null as number | null }));
  if (items.length === 0) return <p className="muted">{t('skills.occupation.noRelated')}</p>;
  return (
    <ul className="plain-list" data-testid="occupation-related">
      {items.map((r) => (
        <li key={r.id}>
          <OccupationLink occupation={r} />
          {r.shared !== null ? <span className="small muted"> · {t('skills.occupation.shared', { count: r.shared })}</span> : null}{' '}
          <Link className="small" to={pathwayPath(o.id, r.id)}>
            {t('skills.occupation.pathwayTo')}
          </Link>
        </li>
      ))}
    </ul>
  );
}
