import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatArea, formatInteger } from '../../i18n/format';
import { AsyncContent } from '../../ui/AsyncContent';
import { DataTable } from '../../ui/DataTable';
import { Pagination } from '../../ui/Pagination';
import { useAsyncData } from '../../ui/useAsyncData';
import { useDebouncedValue } from '../../ui/useDebouncedValue';
import { listStateMunicipalities } from './api';
import { municipalityPath, normaliseQuery } from './paths';

const pageSize = 25;

export function MunicipalitiesTable({ cveEnt, stateName }: { cveEnt: string; stateName: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [offset, setOffset] = useState(0);
  const [filter, setFilter] = useState('');
  const q = normaliseQuery(useDebouncedValue(filter, 300));
  const page = useAsyncData(
    (signal) => listStateMunicipalities(cveEnt, { limit: pageSize, offset, q: q || undefined }, signal),
    [cveEnt, offset, q],
  );

  return (
    <section className="card" aria-labelledby="municipalities-heading">
      <h2 id="municipalities-heading">{t('geo.municipalitiesOf', { name: stateName })}</h2>
      <div className="field field--inline">
        <label htmlFor="municipality-filter" className="field__label">
          {t('geo.filterMunicipalities')}
        </label>
        <input
          id="municipality-filter"
          className="input"
          type="search"
          value={filter}
          onChange={(e) => {
            setFilter(e.target.value);
            setOffset(0);
          }}
        />
      </div>
      <AsyncContent state={page}>
        {(data) => (
          <>
            <DataTable
              caption={t('geo.municipalitiesOf', { name: stateName })}
              testId="municipalities-table"
              busy={page.loading}
              columns={[
                t('geo.inegiCode'),
                t('geo.name'),
                { label: t('geo.population2020'), numeric: true },
                { label: t('geo.areaKm2'), numeric: true },
              ]}
            >
              {data.items.length === 0 ? (
                <tr>
                  <td colSpan={4} className="muted">
                    {t('geo.noMunicipalities')}
                  </td>
                </tr>
              ) : (
                data.items.map((m) => (
                  <tr key={m.cvegeo}>
                    <td>
                      <code>{m.cvegeo}</code>
                    </td>
                    <th scope="row">
                      <Link to={municipalityPath(m.cvegeo)}>{m.name}</Link>
                      {!m.hasBoundary ? <span className="badge badge--warning">{t('geo.noBoundaryBadge')}</span> : null}
                    </th>
                    <td className="num">{formatInteger(m.population2020, lang)}</td>
                    <td className="num">{formatArea(m.areaKm2, lang, t('common.notAvailable'))}</td>
                  </tr>
                ))
              )}
            </DataTable>
            <Pagination total={data.total} limit={pageSize} offset={offset} onChange={setOffset} label={t('geo.municipalitiesPages')} />
          </>
        )}
      </AsyncContent>
    </section>
  );
}
