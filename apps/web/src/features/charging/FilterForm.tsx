import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StateSummary } from '../../api/types';
import { formatDecimal } from '../../i18n/format';
import { Field, SelectField } from '../../ui/Field';
import { useDebouncedValue } from '../../ui/useDebouncedValue';
import { normaliseQuery } from '../geo/paths';
import { maxTextLength, minPowerOptions, type ChargingFilters, type FilterKey } from './filters';
import { accessLabel, standardLabel, statusLabel } from './labels';
import { accessValues, chargingUses, connectorStandards, lifecycleStatuses } from './types';
import { publicStatuses } from '../live/types';

interface TextFilterProps {
  label: string;
  name: FilterKey;
  /** The value in the address bar. */
  value: string;
  onCommit: (value: string) => void;
  hint?: string;
}

/** A text filter applied a moment after typing stops; follows the address bar (back, clear). */
function TextFilter({ label, name, value, onCommit, hint }: TextFilterProps) {
  const [draft, setDraft] = useState(value);
  const debounced = useDebouncedValue(draft, 300);
  const committed = useRef(value);
  const commit = useRef(onCommit);
  commit.current = onCommit;

  useEffect(() => {
    const next = normaliseQuery(debounced);
    if (next === committed.current) return;
    committed.current = next;
    commit.current(next);
  }, [debounced]);

  useEffect(() => {
    if (value === committed.current) return;
    committed.current = value;
    setDraft(value);
  }, [value]);

  return (
    <Field
      label={label}
      name={name}
      type="search"
      hint={hint}
      value={draft}
      maxLength={maxTextLength}
      autoComplete="off"
      onChange={(e) => setDraft(e.target.value)}
    />
  );
}

interface Props {
  filters: ChargingFilters;
  states: StateSummary[];
  /** Name of the municipality filtered on, once known. */
  municipalityName: string | null;
  onChange: (key: FilterKey, value: string) => void;
  onClear: () => void;
  active: boolean;
}

/** The filters of the charging map and list; every change applies at once. */
export function FilterForm({ filters, states, municipalityName, onChange, onClear, active }: Props) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  return (
    <form
      className="card charging-filters"
      data-testid="charging-filters"
      aria-labelledby="charging-filters-heading"
      role="search"
      onSubmit={(e) => e.preventDefault()}
    >
      <h2 id="charging-filters-heading">{t('charging.filters.title')}</h2>
      <p className="muted small">{t('charging.filters.intro')}</p>
      <div className="charging-filters__fields">
        <TextFilter label={t('charging.filters.q')} name="q" value={filters.q} onCommit={(v) => onChange('q', v)} />
        <SelectField label={t('charging.filters.state')} name="state" value={filters.state} onChange={(e) => onChange('state', e.target.value)}>
          <option value="">{t('charging.filters.allStates')}</option>
          {states.map((s) => (
            <option key={s.cveEnt} value={s.cveEnt}>
              {s.name}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t('charging.filters.connector')}
          name="connector"
          value={filters.connector}
          onChange={(e) => onChange('connector', e.target.value)}
        >
          <option value="">{t('charging.filters.anyConnector')}</option>
          {connectorStandards.map((s) => (
            <option key={s} value={s}>
              {standardLabel(t, s)}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t('charging.filters.minPower')}
          name="minPowerKw"
          value={filters.minPowerKw}
          onChange={(e) => onChange('minPowerKw', e.target.value)}
        >
          <option value="">{t('charging.filters.anyPower')}</option>
          {minPowerOptions.map((kw) => (
            <option key={kw} value={String(kw)}>
              {t('charging.filters.powerAtLeast', { value: formatDecimal(kw, lang, Number.isInteger(kw) ? 0 : 1) })}
            </option>
          ))}
        </SelectField>
        <SelectField label={t('charging.filters.access')} name="access" value={filters.access} onChange={(e) => onChange('access', e.target.value)}>
          <option value="">{t('charging.filters.anyAccess')}</option>
          {accessValues.map((a) => (
            <option key={a} value={a}>
              {accessLabel(t, a)}
            </option>
          ))}
        </SelectField>
        <SelectField label={t('charging.filters.status')} name="status" value={filters.status} onChange={(e) => onChange('status', e.target.value)}>
          <option value="">{t('charging.filters.anyStatus')}</option>
          {lifecycleStatuses.map((s) => (
            <option key={s} value={s}>
              {statusLabel(t, s)}
            </option>
          ))}
        </SelectField>
        <SelectField label={t('chargingDashboard.filters.use')} name="use" value={filters.use} onChange={(e) => onChange('use', e.target.value)}>
          <option value="">{t('chargingDashboard.filters.anyUse')}</option>
          {chargingUses.map((u) => (
            <option key={u} value={u}>
              {t(`chargingDashboard.uses.${u}`)}
            </option>
          ))}
        </SelectField>
        <SelectField label={t('live.filter.label')} name="liveStatus" value={filters.liveStatus} onChange={(e) => onChange('liveStatus', e.target.value)}>
          <option value="">{t('live.filter.any')}</option>
          {publicStatuses.map((s) => (
            <option key={s} value={s}>
              {t(`live.status.${s}`)}
            </option>
          ))}
        </SelectField>
        <TextFilter label={t('charging.filters.operator')} name="operator" value={filters.operator} onCommit={(v) => onChange('operator', v)} />
      </div>
      {filters.municipality ? (
        <p className="charging-filters__municipality">
          {t('charging.filters.municipality')}: <strong>{municipalityName ?? filters.municipality}</strong>{' '}
          <button type="button" className="button button--link" onClick={() => onChange('municipality', '')}>
            {t('charging.filters.removeMunicipality')}
          </button>
        </p>
      ) : null}
      <div className="actions">
        <button type="button" className="button button--secondary" onClick={onClear} disabled={!active}>
          {t('charging.filters.clear')}
        </button>
      </div>
    </form>
  );
}
