import './skills.css';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { translateDynamic } from '../../i18n/dynamic';
import { formatInteger } from '../../i18n/format';
import { Pagination } from '../../ui/Pagination';
import { ErrorMessage, Loading } from '../../ui/Status';
import { useAsyncData } from '../../ui/useAsyncData';
import { usePageTitle } from '../../ui/usePageTitle';
import { searchOccupations, searchSkills } from './api';
import { SkillsSubnav, TaxonomySources } from './components';
import { offsetFromParams } from './filters';
import { occupationPath, skillPath } from './paths';
import type { OccupationSummary, SkillSummary, TaxonomyPage } from './types';
import { useVocab } from './vocab';
import { DebouncedSearch } from './DebouncedSearch';

const pageSize = 25;
type Kind = 'occupations' | 'skills';

/** `/habilidades`: search occupations or skills in either language; EV filter; all in the address bar. */
export function TaxonomySearchPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const vocab = useVocab();
  usePageTitle(t('skills.taxonomy.title'));
  const [params, setParams] = useSearchParams();
  const kind: Kind = params.get('tipo') === 'habilidades' ? 'skills' : 'occupations';
  const q = (params.get('q') ?? '').trim().slice(0, 200);
  const ev = params.get('ev') === 'true';
  const offset = offsetFromParams(params, pageSize);
  const query = useMemo(() => ({ q, language: lang, ev, limit: pageSize, offset }), [q, lang, ev, offset]);
  const results = useAsyncData<TaxonomyPage<OccupationSummary | SkillSummary>>(
    (signal) => (kind === 'skills' ? searchSkills(query, signal) : searchOccupations(query, signal)),
    [kind, query],
  );
  const set = (patch: Record<string, string | null>, keepPage = false) =>
    setParams(
      (current) => {
        const p = new URLSearchParams(current);
        for (const [k, v] of Object.entries(patch)) {
          if (v === null || v === '') p.delete(k);
          else p.set(k, v);
        }
        if (!keepPage) p.delete('page');
        return p;
      },
      { replace: !keepPage },
    );

  const data = results.data;
  return (
    <div className="page page--wide skills-page" data-testid="taxonomy-search">
      <h1>{t('skills.taxonomy.title')}</h1>
      <p className="lead">{t('skills.taxonomy.intro')}</p>
      <SkillsSubnav />
      <form className="card taxonomy-search" role="search" aria-label={t('skills.taxonomy.title')} onSubmit={(e) => e.preventDefault()}>
        <fieldset className="segmented">
          <legend className="field__label">{t('skills.taxonomy.kind')}</legend>
          <div className="segmented__options">
            {(['occupations', 'skills'] as const).map((k) => (
              <label key={k} className="segmented__option">
                <input type="radio" name="kind" value={k} checked={kind === k} onChange={() => set({ tipo: k === 'skills' ? 'habilidades' : null })} />
                <span>{t(`skills.taxonomy.kinds.${k}`)}</span>
              </label>
            ))}
          </div>
        </fieldset>
        <DebouncedSearch label={t('skills.taxonomy.q')} name="q" hint={t('skills.taxonomy.qHint')} value={q} onCommit={(next) => set({ q: next })} />
        <label className="skills-check">
          <input type="checkbox" name="ev" checked={ev} onChange={(e) => set({ ev: e.target.checked ? 'true' : null })} />
          <span>{t('skills.taxonomy.ev')}</span>
        </label>
      </form>
      <section aria-labelledby="taxonomy-results-heading">
        <h2 id="taxonomy-results-heading">{t('skills.taxonomy.results')}</h2>
        <p role="status" data-testid="taxonomy-total">
          {data ? t('skills.taxonomy.total', { count: data.total, total: formatInteger(data.total, lang) }) : ''}
        </p>
        {results.error ? <ErrorMessage error={results.error} onRetry={results.reload} /> : null}
        {data ? (
          <div aria-busy={results.loading}>
            {data.items.length === 0 ? (
              <p className="muted">{t('skills.taxonomy.empty')}</p>
            ) : (
              <ul className="taxonomy-results" data-testid="taxonomy-results">
                {data.items.map((item) => {
                  const other = lang.startsWith('en') ? item.labelEs : item.labelEn;
                  const codes = 'socCode' in item ? [item.iscoCode ? `ISCO ${item.iscoCode}` : null, item.socCode ? `SOC ${item.socCode}` : null].filter(Boolean).join(' · ') : '';
                  return (
                    <li key={item.id} className="taxonomy-result" data-id={item.id}>
                      <h3 className="taxonomy-result__name">
                        <Link to={kind === 'skills' ? skillPath(item.id) : occupationPath(item.id)}>
                          <span lang={item.labelLang}>{item.label}</span>
                        </Link>
                      </h3>
                      {other && other !== item.label ? (
                        <p className="small muted" lang={lang.startsWith('en') ? 'es' : 'en'}>
                          {other}
                        </p>
                      ) : null}
                      <ul className="tag-list">
                        <li className="tag tag--muted">{vocab('schemes', item.scheme)}</li>
                        {'skillType' in item ? <li className="tag tag--muted">{translateDynamic(t, `skills.skill.types.${item.skillType}`, item.skillType)}</li> : null}
                        {item.evRelated ? <li className="tag tag--ev">{t('skills.common.evTag')}</li> : null}
                        {codes ? <li className="tag tag--muted">{codes}</li> : null}
                      </ul>
                    </li>
                  );
                })}
              </ul>
            )}
            <Pagination total={data.total} limit={pageSize} offset={offset} onChange={(next) => set({ page: next > 0 ? String(Math.floor(next / pageSize) + 1) : null }, true)} label={t('skills.taxonomy.pages')} />
          </div>
        ) : results.loading ? (
          <Loading />
        ) : null}
      </section>
      <TaxonomySources schemes={['esco', 'onet', 'local']} />
    </div>
  );
}
