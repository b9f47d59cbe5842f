import './skills.css';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { isApiError } from '../../api/client';
import { translateDynamic } from '../../i18n/dynamic';
import { formatInteger } from '../../i18n/format';
import { Fact, FactList } from '../../ui/Facts';
import { ErrorMessage, Loading } from '../../ui/Status';
import { useAsyncData } from '../../ui/useAsyncData';
import { usePageTitle } from '../../ui/usePageTitle';
import { getSkill } from './api';
import { OccupationLink, SkillsSubnav, TaxonomySources } from './components';
import { jobBoardPath, taxonomyPath } from './paths';
import type { SkillDetail, SkillOccupation } from './types';
import { useVocab } from './vocab';

/** `/habilidades/competencias/:id`: a skill with its labels, description and the occupations that need it. */
export function SkillPage() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const skill = useAsyncData((signal) => getSkill(id, i18n.language, signal), [id, i18n.language]);
  usePageTitle(skill.data?.label ?? t('skills.skill.kind'));
  const notFound = isApiError(skill.error) && skill.error.status === 404;
  return (
    <div className="page skills-page" data-testid="skill-page">
      {notFound ? (
        <>
          <h1>{t('skills.skill.notFound')}</h1>
          <p>
            <Link to={taxonomyPath}>{t('skills.nav.taxonomy')}</Link>
          </p>
        </>
      ) : skill.error ? (
        <ErrorMessage error={skill.error} onRetry={skill.reload} />
      ) : skill.data ? (
        <SkillView s={skill.data} />
      ) : (
        <Loading />
      )}
    </div>
  );
}

function OccupationList({ items, testId }: { items: SkillOccupation[]; testId: string }) {
  const { t } = useTranslation();
  return (
    <ul className="skill-columns" data-testid={testId}>
      {items.map((o) => (
        <li key={o.id}>
          <OccupationLink occupation={o} />
          {o.evRelated ? <span className="tag tag--ev">{t('skills.common.evTag')}</span> : null}
        </li>
      ))}
    </ul>
  );
}

function SkillView({ s }: { s: SkillDetail }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const en = lang.startsWith('en');
  const vocab = useVocab();
  const otherLabel = en ? s.labelEs : s.labelEn;
  const description = (en ? s.description.en : s.description.es) ?? (en ? s.description.es : s.description.en);
  const descriptionLang = (en ? s.description.en : s.description.es) ? (en ? 'en' : 'es') : en ? 'es' : 'en';
  const alt = en ? s.altLabels.en : s.altLabels.es;
  return (
    <article>
      <p className="eyebrow">
        {t('skills.skill.kind')} · {vocab('schemes', s.scheme)}
        {s.evRelated ? <span className="tag tag--ev">{t('skills.common.evTag')}</span> : null}
      </p>
      <h1 lang={s.labelLang} data-testid="skill-title">
        {s.label}
      </h1>
      <SkillsSubnav />
      {otherLabel && otherLabel !== s.label ? (
        <p className="lead" lang={en ? 'es' : 'en'}>
          {en ? t('skills.occupation.otherLabelEs') : t('skills.occupation.otherLabel')}: {otherLabel}
        </p>
      ) : null}
      <p>
        <Link className="button button--primary" to={`${jobBoardPath}?${new URLSearchParams({ skill: s.id }).toString()}`}>
          {t('skills.common.seeSkillOnBoard')}
        </Link>
      </p>
      <section className="card" aria-labelledby="skill-description">
        <h2 id="skill-description">{t('skills.occupation.description')}</h2>
        {description ? <p lang={descriptionLang}>{description}</p> : <p className="muted">{t('skills.occupation.noDescription')}</p>}
        {alt.length > 0 ? (
          <>
            <h3>{t('skills.occupation.altLabels')}</h3>
            <p className="small">{alt.slice(0, 30).join(' · ')}</p>
          </>
        ) : null}
        <FactList>
          <Fact label={t('skills.skill.type')}>{translateDynamic(t, `skills.skill.types.${s.skillType}`, s.skillType)}</Fact>
          <Fact label={t('skills.occupation.scheme')}>
            {vocab('schemes', s.scheme)} · <code>{s.id}</code>
          </Fact>
        </FactList>
      </section>
      <section className="card" aria-labelledby="skill-occupations">
        <h2 id="skill-occupations">{t('skills.skill.occupations')}</h2>
        {s.occupations.essential.length + s.occupations.optional.length === 0 ? (
          <p className="muted">{t('skills.skill.noOccupations')}</p>
        ) : (
          <>
            <h3>
              {vocab('relations', 'essential')} ({formatInteger(s.occupations.essentialTotal, lang)})
            </h3>
            <OccupationList items={s.occupations.essential} testId="skill-occupations-essential" />
            {s.occupations.optional.length > 0 ? (
              <details>
                <summary>
                  {vocab('relations', 'optional')} ({formatInteger(s.occupations.optionalTotal, lang)})
                </summary>
                <OccupationList items={s.occupations.optional} testId="skill-occupations-optional" />
              </details>
            ) : null}
          </>
        )}
      </section>
      <TaxonomySources sources={s.sources} schemes={[s.scheme]} />
    </article>
  );
}
