import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatInteger } from '../../i18n/format';
import { SelectField } from '../../ui/Field';
import { SearchBox } from '../geo/SearchBox';
import { defaultRadiusKm, radiusOptions, type Near, type SupplierFilters } from './filters';

interface Props {
  filters: SupplierFilters;
  onChange: (near: Near | null, radiusKm: number | null, place: string) => void;
}

/** "Within N km of <place>": the place from the atlas's own search, the distance from a list. */
export function RadiusPicker({ filters, onChange }: Props) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const km = filters.radiusKm ?? defaultRadiusKm;
  // A place chosen closes the place search (remounted empty) and moves focus to what it did.
  const [searchKey, setSearchKey] = useState(0);
  const activeRef = useRef<HTMLParagraphElement>(null);
  const chosen = useRef(false);
  useEffect(() => {
    if (chosen.current && filters.near) {
      chosen.current = false;
      activeRef.current?.focus();
    }
  }, [filters.near]);
  const options = (radiusOptions as readonly number[]).includes(km) ? radiusOptions : [...radiusOptions, km].sort((a, b) => a - b);
  return (
    <section className="card supplier-radius" aria-labelledby="supplier-radius-heading" data-testid="supplier-radius">
      <h2 id="supplier-radius-heading">{t('suppliers.radius.title')}</h2>
      <p className="muted small">{t('suppliers.radius.intro')}</p>
      <SearchBox
        key={searchKey}
        limit={6}
        onChoose={(result) => {
          if (!result.center) return;
          chosen.current = true;
          setSearchKey((k) => k + 1);
          const [lon, lat] = result.center;
          const place = result.stateName && result.type !== 'state' ? `${result.name}, ${result.stateName}` : result.name;
          onChange({ lat, lon }, km, place);
        }}
      />
      <SelectField
        label={t('suppliers.radius.km')}
        name="radiusKm"
        value={String(km)}
        onChange={(e) => onChange(filters.near, Number(e.target.value), filters.place)}
        disabled={!filters.near}
      >
        {options.map((value) => (
          <option key={value} value={String(value)}>
            {t('suppliers.radius.kmOption', { km: formatInteger(value, lang) })}
          </option>
        ))}
      </SelectField>
      {filters.near ? (
        <p data-testid="supplier-radius-active" ref={activeRef} tabIndex={-1}>
          <strong>{t('suppliers.radius.active', { km: formatInteger(km, lang), place: filters.place || t('suppliers.radius.aPoint') })}</strong>{' '}
          <button type="button" className="button button--link" onClick={() => onChange(null, null, '')}>
            {t('suppliers.radius.remove')}
          </button>
        </p>
      ) : null}
    </section>
  );
}
