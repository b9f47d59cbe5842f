import './chargingDashboard.css';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatInteger } from '../../i18n/format';
import { AsyncContent } from '../../ui/AsyncContent';
import { DataTable } from '../../ui/DataTable';
import { useAsyncData } from '../../ui/useAsyncData';
import { listLocations, locationsCsvUrl, locationsGeoJsonUrl, locationsOcpiUrl } from './api';
import { filtersKey, type ChargingFilters } from './filters';
import { formatKw, sortStandards } from './labels';
import { locationPath } from './paths';
import { StandardList } from './StandardList';

const pageSize = 25;

/**
 * The filtered locations as a table paged with the API's cursor (stable while locations are
 * added), with their total and downloads of all of them as CSV, GeoJSON and OCPI.
 */
export function LocationList({ filters }: { filters: ChargingFilters }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const key = filtersKey(filters);
  // Cursors of the pages seen so far (null: the first); back to the first when the filters change.
  const [paging, setPaging] = useState<{ key: string; cursors: Array<string | null> }>({ key, cursors: [null] });
  const cursors = paging.key === key ? paging.cursors : [null];
  const cursor = cursors[cursors.length - 1] ?? null;
  const list = useAsyncData((signal) => listLocations(filters, { limit: pageSize, cursor }, signal), [key, cursor]);
  const page = cursors.length;

  return (
    <section className="card" aria-labelledby="charging-list-heading">
      <div className="card__header">
        <h2 id="charging-list-heading">{t('charging.list.title')}</h2>
        <div className="download-links">
          <a className="button button--secondary" href={locationsCsvUrl(filters)} download data-testid="charging-csv-link">
            {t('charging.downloadCsv')}
          </a>
          <a className="button button--secondary" href={locationsGeoJsonUrl(filters)} download data-testid="charging-geojson-link">
            {t('chargingDashboard.list.downloadGeoJson')}
          </a>
          <a className="button button--secondary" href={locationsOcpiUrl(filters)} download data-testid="charging-ocpi-link">
            {t('chargingDashboard.list.downloadOcpi')}
          </a>
        </div>
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
            <nav className="list-pager" aria-label={t('chargingDashboard.list.pages')} data-testid="charging-pager">
              <button
                type="button"
                className="button button--secondary"
                disabled={page <= 1}
                onClick={() => setPaging({ key, cursors: cursors.slice(0, -1) })}
              >
                {t('chargingDashboard.list.previous')}
              </button>
              <span>
                {t('chargingDashboard.list.page', {
                  page: formatInteger(page, lang),
                  pages: formatInteger(Math.max(1, Math.ceil(data.total / pageSize)), lang),
                })}
              </span>
              <button
                type="button"
                className="button button--secondary"
                disabled={!data.nextCursor}
                onClick={() => data.nextCursor && setPaging({ key, cursors: [...cursors, data.nextCursor] })}
              >
                {t('chargingDashboard.list.next')}
              </button>
            </nav>
          </>
        )}
      </AsyncContent>
    </section>
  );
}
