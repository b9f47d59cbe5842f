import './skills.css';
import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useSearchParams } from 'react-router';
import { formatInteger } from '../../i18n/format';
import { Field, SelectField } from '../../ui/Field';
import { Pagination } from '../../ui/Pagination';
import { ErrorMessage, Loading } from '../../ui/Status';
import { useAsyncData } from '../../ui/useAsyncData';
import { usePageTitle } from '../../ui/usePageTitle';
import { useSession } from '../accounts/session';
import { DebouncedSearch } from './DebouncedSearch';
import { createSavedSearch, getOccupation, getSkill, listVacancies } from './api';
import { SkillsSubnav, StateSelect, TaxonomyLabel, VacancyCard } from './components';
import {
  emptyJobFilters, hasJobFilters, isScianPrefix, jobFiltersFromParams, jobFiltersKey, offsetFromParams, paramsFromJobFilters, savedSearchFilters,
  toggleInclusion, withCountry, type JobFilters,
} from './filters';
import { TaxonomyPicker } from './TaxonomyPicker';
import { inclusionCodes } from './vacancyForm';
import { useVocab } from './vocab';

const pageSize = 20;

/** `/empleo`: the public job board; filters live in the address bar. */
export function JobBoardPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const vocab = useVocab();
  usePageTitle(t('skills.board.title'));
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => jobFiltersFromParams(params), [params]);
  // The skill filter comes from links on skill pages; it is not offered as a field.
  const skill = /^(esco|onet|local):[A-Za-z0-9._-]{1,80}$/.test(params.get('skill') ?? '') ? params.get('skill')! : '';
  const offset = offsetFromParams(params, pageSize);
  const key = jobFiltersKey(filters);
  const list = useAsyncData((signal) => listVacancies(filters, { limit: pageSize, offset }, signal, skill), [key, offset, skill]);
  const occupation = useAsyncData((signal) => (filters.occupation ? getOccupation(filters.occupation, lang, signal) : null), [filters.occupation, lang]);
  const skillInfo = useAsyncData((signal) => (skill ? getSkill(skill, lang, signal) : null), [skill, lang]);

  const apply = (next: JobFilters, keepSkill = true) => {
    const p = paramsFromJobFilters(next);
    if (keepSkill && skill) p.set('skill', skill);
    setParams(p, { replace: true });
  };
  const setOffset = (next: number) =>
    setParams((current) => {
      const p = new URLSearchParams(current);
      if (next > 0) p.set('page', String(Math.floor(next / pageSize) + 1));
      else p.delete('page');
      return p;
    });

  const data = list.data;
  const moreInUse = Boolean(filters.occupation || skill || filters.salaryFloor !== null || filters.remote || filters.inclusion.length > 0 || filters.industry);
  return (
    <div className="page page--wide skills-page" data-testid="job-board">
      <h1>{t('skills.board.title')}</h1>
      <p className="lead">{t('skills.board.intro')}</p>
      <SkillsSubnav />
      <div className="skills-layout">
        <form className="card skills-layout__side job-filters" role="search" aria-labelledby="job-filters-heading" data-testid="job-filters" onSubmit={(e) => e.preventDefault()}>
          <h2 id="job-filters-heading">{t('skills.board.searchTitle')}</h2>
          <DebouncedSearch label={t('skills.board.q')} name="q" hint={t('skills.board.qHint')} value={filters.q} onCommit={(q) => apply({ ...filters, q })} />
          <SelectField label={t('skills.board.country')} name="country" value={filters.country} onChange={(e) => apply(withCountry(filters, e.target.value as JobFilters['country']))}>
            <option value="">{t('skills.common.anyCountry')}</option>
            <option value="MX">{t('skills.common.countries.MX')}</option>
            <option value="US">{t('skills.common.countries.US')}</option>
          </SelectField>
          <StateSelect country={filters.country} value={filters.state} name="state" label={t('skills.board.state')} allowAll onChange={(state) => apply({ ...filters, state })} />
          {/* Fewer fields at first (a phone shows the results sooner); open when one of them is in use. */}
          <details className="job-filters__more" open={moreInUse || undefined} data-testid="more-filters">
            <summary>{t('skills.board.more')}</summary>
            {filters.occupation ? (
              <div className="field">
                <p className="field__label">{t('skills.board.occupation')}</p>
                <p className="picked-list__item" data-testid="occupation-filter">
                  {occupation.data ? <TaxonomyLabel item={occupation.data} /> : filters.occupation}
                  <button type="button" className="picked-list__remove" aria-label={t('skills.common.remove', { label: occupation.data?.label ?? filters.occupation })} onClick={() => apply({ ...filters, occupation: '' })}>
                    ×
                  </button>
                </p>
              </div>
            ) : (
              <TaxonomyPicker kind="occupation" name="occupation" label={t('skills.board.occupation')} hint={t('skills.board.occupationHint')} onPick={(o) => apply({ ...filters, occupation: o.id })} />
            )}
            {skill ? (
              <p className="picked-list__item" data-testid="skill-filter">
                {t('skills.board.skillFilter', { label: skillInfo.data?.label ?? skill })}
                <button type="button" className="picked-list__remove" aria-label={t('skills.board.removeSkill')} onClick={() => apply(filters, false)}>
                  ×
                </button>
              </p>
            ) : null}
            <div className="job-filters__salary">
              <DebouncedSearch
                label={t('skills.board.salaryFloor')}
                name="salaryFloor"
                type="text"
                inputMode="numeric"
                hint={t('skills.board.salaryFloorHint')}
                value={filters.salaryFloor === null ? '' : String(filters.salaryFloor)}
                onCommit={(v) => {
                  const n = Number(v.replace(/[,\s$]/g, ''));
                  apply({ ...filters, salaryFloor: v !== '' && Number.isFinite(n) && n > 0 ? n : null });
                }}
              />
              <SelectField label={t('skills.board.currency')} name="currency" value={filters.currency} onChange={(e) => apply({ ...filters, currency: e.target.value === 'USD' ? 'USD' : 'MXN' })}>
                <option value="MXN">MXN</option>
                <option value="USD">USD</option>
              </SelectField>
            </div>
            <DebouncedSearch
              label={t('skills.board.industry')}
              name="industry"
              type="text"
              inputMode="numeric"
              hint={t('skills.board.industryHint')}
              value={filters.industry}
              onCommit={(v) => {
                const code = v.replace(/\s/g, '');
                apply({ ...filters, industry: isScianPrefix(code) ? code : '' });
              }}
            />
            <label className="field--checkbox skills-check">
              <input type="checkbox" name="remote" checked={filters.remote} onChange={(e) => apply({ ...filters, remote: e.target.checked })} />
              <span>{t('skills.board.remote')}</span>
            </label>
            <details className="job-filters__inclusion" open={filters.inclusion.length > 0}>
              <summary>
                {t('skills.board.inclusion')}
                {filters.inclusion.length > 0 ? ` (${formatInteger(filters.inclusion.length, lang)})` : ''}
              </summary>
              <fieldset className="skills-checks">
                <legend className="small muted">{t('skills.board.inclusionIntro')}</legend>
                {inclusionCodes.map((code) => (
                  <label key={code} className="skills-check">
                    <input type="checkbox" name="inclusion" value={code} checked={filters.inclusion.includes(code)} onChange={() => apply(toggleInclusion(filters, code))} />
                    <span>{vocab('inclusion', code)}</span>
                  </label>
                ))}
              </fieldset>
            </details>
          </details>
          <div className="actions">
            <button type="button" className="button button--secondary" disabled={!hasJobFilters(filters) && !skill} onClick={() => apply(emptyJobFilters, false)}>
              {t('skills.board.clear')}
            </button>
          </div>
          <SaveSearch filters={filters} />
        </form>
        <section className="skills-layout__main" aria-labelledby="job-results-heading">
          <h2 id="job-results-heading">{t('skills.board.results')}</h2>
          <p role="status" data-testid="job-total">
            {data ? t('skills.board.total', { count: data.total, total: formatInteger(data.total, lang) }) : ''}
          </p>
          {list.error ? <ErrorMessage error={list.error} onRetry={list.reload} /> : null}
          {data ? (
            <div aria-busy={list.loading}>
              {data.items.length === 0 ? (
                <p className="muted">{t('skills.board.empty')}</p>
              ) : (
                <ul className="vacancy-list" data-testid="job-results">
                  {data.items.map((v) => (
                    <li key={v.id}>
                      <VacancyCard vacancy={v} />
                    </li>
                  ))}
                </ul>
              )}
              <Pagination total={data.total} limit={pageSize} offset={offset} onChange={setOffset} label={t('skills.board.pages')} />
            </div>
          ) : list.loading ? (
            <Loading />
          ) : null}
        </section>
      </div>
    </div>
  );
}

/** Saves the current filters as a search that raises in-app alerts (signed-in people). */
function SaveSearch({ filters }: { filters: JobFilters }) {
  const { t } = useTranslation();
  const session = useSession();
  const location = useLocation();
  const id = useId();
  const [name, setName] = useState('');
  const [saved, setSaved] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  if (!session.user) {
    return (
      <p className="small">
        <Link to={`/entrar?next=${encodeURIComponent(location.pathname + location.search)}`}>{t('skills.board.save.signIn')}</Link>
      </p>
    );
  }
  const save = async () => {
    if (!name.trim()) return;
    setBusy(true);
    setError(null);
    try {
      const result = await createSavedSearch(name.trim(), savedSearchFilters(filters));
      setSaved(result.name);
      setName('');
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="save-search" data-testid="save-search">
      <h3 id={`${id}-h`}>{t('skills.board.save.title')}</h3>
      <p className="small muted">{t('skills.board.save.intro')}</p>
      <Field label={t('skills.board.save.name')} name="savedSearchName" value={name} maxLength={300} onChange={(e) => setName(e.target.value)} />
      <button type="button" className="button button--secondary" disabled={busy || !name.trim()} onClick={() => void save()}>
        {t('skills.board.save.submit')}
      </button>
      <p role="status" className="small">
        {saved ? t('skills.board.save.saved', { name: saved }) : ''}
      </p>
      {error ? <ErrorMessage error={error} /> : null}
    </div>
  );
}
