import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatInteger } from '../../i18n/format';
import { AsyncContent } from '../../ui/AsyncContent';
import { DataTable } from '../../ui/DataTable';
import { Pagination } from '../../ui/Pagination';
import { useAsyncData } from '../../ui/useAsyncData';
import { listLocations, locationsCsvUrl } from './api';
import { filtersKey, type ChargingFilters } from './filters';
import { formatKw, sortStandards } from './labels';
import { locationPath } from './paths';
import { StandardList } from './StandardList';

const pageSize = 25;

/** The filtered locations as a paged table, with their total and a CSV download of all of them. */
export function LocationList({ filters }: { filters: ChargingFilters }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const key = filtersKey(filters);
  // The page goes back to the first whenever the filters change.
  const [paging, setPaging] = useState({ key, offset: 0 });
  const offset = paging.key === key ? paging.offset : 0;
  const list = useAsyncData((signal) => listLocations(filters, { limit: pageSize, offset }, signal), [key, offset]);

  return (
    <section className="card" aria-labelledby="charging-list-heading">
      <div className="card__header">
        <h2 id="charging-list-heading">{t('charging.list.title')}</h2>
        <a className="button button--secondary" href={locationsCsvUrl(filters)} download data-testid="charging-csv-link">
          {t('charging.downloadCsv')}
        </a>
      </div>
      <p role="status" data-testid="charging-total">
        {list.data ? t('charging.list.total', { total: formatInteger(list.data.total, lang) }) : ''}
      </p>
      <AsyncContent state={list}>
        {(data) => (
          <>
            <DataTable
              caption={t('charging.list.title')}
              testId="charging-list"
              busy={list.loading}
              columns={[
                t('charging.fields.name'),
                t('charging.fields.operator'),
                t('charging.fields.place'),
                t('charging.fields.standards'),
                { label: t('charging.fields.maxPowerKw'), numeric: true },
                { label: t('charging.fields.evses'), numeric: true },
              ]}
            >
              {data.items.length === 0 ? (
                <tr>
                  <td colSpan={6} className="muted">
                    {t('charging.list.empty')}
                  </td>
                </tr>
              ) : (
                data.items.map((l) => (
                  <tr key={l.id}>
                    <th scope="row">
                      <Link to={locationPath(l.id)}>{l.name}</Link>
                    </th>
                    <td>{l.operatorName ?? t('charging.notGiven')}</td>
                    <td>
                      {l.municipalityName || l.stateName
                        ? [l.municipalityName, l.stateName].filter(Boolean).join(', ')
                        : t('charging.unplaced')}
                    </td>
                    <td>
                      <StandardList standards={sortStandards(l.connectorStandards)} />
                    </td>
                    <td className="num">{formatKw(l.maxPowerKw, lang)}</td>
                    <td className="num">{formatInteger(l.evseCount, lang)}</td>
                  </tr>
                ))
              )}
            </DataTable>
            <Pagination
              total={data.total}
              limit={pageSize}
              offset={offset}
              onChange={(next) => setPaging({ key, offset: next })}
              label={t('charging.list.pages')}
            />
          </>
        )}
      </AsyncContent>
    </section>
  );
}
