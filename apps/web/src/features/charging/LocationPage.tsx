import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../api/client';
import type { BBox } from '../../api/types';
import { AreaMap } from '../../atlas/AreaMap';
import { formatDecimal, formatInteger } from '../../i18n/format';
import { DataTable } from '../../ui/DataTable';
import { Fact, FactList } from '../../ui/Facts';
import { ErrorMessage, Loading } from '../../ui/Status';
import { useAsyncData } from '../../ui/useAsyncData';
import { usePageTitle } from '../../ui/usePageTitle';
import { municipalityPath, statePath } from '../geo/paths';
import { getLocation } from './api';
import {
  accessLabel,
  formatDate,
  formatKw,
  formatLabel,
  levelLabel,
  powerTypeLabel,
  standardLabel,
  statusLabel,
} from './labels';
import { chargingPath, isLocationId } from './paths';
import { AlsoReportedBy } from './duplicates/AlsoReportedBy';
import { LocationLiveStatus } from '../live/LocationLiveStatus';
import { ChargingAttribution, ChargingSources } from './SourceNotes';
import type { ChargingConnector, ChargingEvse, ChargingLocationDetail } from './types';

/** Half the side of the small map around the location, in degrees (about 30 km). */
const mapSpan = 0.3;

function Breadcrumb({ name }: { name: string | null }) {
  const { t } = useTranslation();
  return (
    <nav aria-label={t('common.breadcrumb')} className="breadcrumb">
      <ol>
        <li>
          <Link to={chargingPath}>{t('charging.title')}</Link>
        </li>
        {name ? <li aria-current="page">{name}</li> : null}
      </ol>
    </nav>
  );
}

/** The address exactly as the source gave it, line by line. */
function AddressAsGiven({ l }: { l: ChargingLocationDetail }) {
  const { t } = useTranslation();
  const lines = [l.address, [l.postalCode, l.city].filter(Boolean).join(' '), [l.stateAsGiven, l.countryCode].filter(Boolean).join(', ')].filter(
    (line): line is string => Boolean(line),
  );
  if (lines.length === 0) return <>{t('charging.notGiven')}</>;
  return (
    <address className="charging-address">
      {lines.map((line, index) => (
        <span key={index}>
          {line}
          {index < lines.length - 1 ? <br /> : null}
        </span>
      ))}
    </address>
  );
}

function StandardCell({ c }: { c: ChargingConnector }) {
  const { t } = useTranslation();
  const source = [c.sourceLabel, c.sourceCode ? `(${c.sourceCode})` : null].filter(Boolean).join(' ');
  if (c.unknownStandard || c.standard === null) {
    return (
      <>
        <span className="tag tag--warning">{standardLabel(t, null)}</span>
        <span className="charging-source-code">
          {t('charging.location.sourceSays')}: {source || t('charging.notGiven')}
        </span>
      </>
    );
  }
  return (
    <>
      <span>{standardLabel(t, c.standard)}</span>
      {source ? (
        <span className="charging-source-code muted">
          {t('charging.location.sourceSays')}: {source}
        </span>
      ) : null}
    </>
  );
}

function ConnectorTable({ evses }: { evses: ChargingEvse[] }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const rows = evses.flatMap((evse) => evse.connectors.map((connector) => ({ evse, connector })));
  const electrical = (c: ChargingConnector) =>
    [
      c.maxVoltageV !== null ? `${formatInteger(c.maxVoltageV, lang)} V` : null,
      c.maxAmperageA !== null ? `${formatDecimal(c.maxAmperageA, lang, Number.isInteger(c.maxAmperageA) ? 0 : 1)} A` : null,
    ]
      .filter(Boolean)
      .join(' · ') || '—';
  return (
    <section className="card" aria-labelledby="connectors-heading">
      <h2 id="connectors-heading">{t('charging.location.connectorsTitle')}</h2>
      <p className="muted small">
        {t('charging.location.connectorsIntro', { evses: formatInteger(evses.length, lang), connectors: formatInteger(rows.length, lang) })}
      </p>
      {rows.length === 0 ? (
        <p className="muted">{t('charging.location.noConnectors')}</p>
      ) : (
        <DataTable
          caption={t('charging.location.connectorsTitle')}
          testId="charging-connectors"
          columns={[
            t('charging.fields.evse'),
            t('charging.fields.connector'),
            t('charging.fields.standard'),
            t('charging.fields.powerType'),
            { label: t('charging.fields.maxPowerKw'), numeric: true },
            t('charging.fields.level'),
            t('charging.fields.voltageCurrent'),
            t('charging.fields.format'),
            t('charging.fields.status'),
          ]}
        >
          {rows.map(({ evse, connector: c }) => (
            <tr key={`${evse.evseUid}/${c.connectorId}`} data-standard={c.standard ?? 'UNKNOWN'}>
              <th scope="row">
                <code>{evse.evseUid}</code>
              </th>
              <td>{c.connectorId}</td>
              <td>
                <StandardCell c={c} />
              </td>
              <td>{powerTypeLabel(t, c.powerType)}</td>
              <td className="num">{formatKw(c.maxElectricPowerKw, lang)}</td>
              <td>{levelLabel(t, c.chargingLevel)}</td>
              <td>{electrical(c)}</td>
              <td>{formatLabel(t, c.format)}</td>
              <td>{statusLabel(t, evse.lifecycleStatus)}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </section>
  );
}

function LocationDetail({ l }: { l: ChargingLocationDetail }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const bbox: BBox = [l.lon - mapSpan, l.lat - mapSpan, l.lon + mapSpan, l.lat + mapSpan];
  const coordinates = `${formatDecimal(l.lat, lang, 5)}, ${formatDecimal(l.lon, lang, 5)}`;
  return (
    <div className="page" data-testid="charging-location">
      <Breadcrumb name={l.name} />
      <p className="eyebrow">{t('charging.location.kind')}</p>
      <h1>{l.name}</h1>
      <ChargingAttribution />
      <div className="profile-grid">
        <section className="card" aria-labelledby="facts-heading">
          <h2 id="facts-heading">{t('geo.keyFacts')}</h2>
          <FactList>
            <Fact label={t('charging.fields.operator')} testId="charging-operator">
              {l.operatorName ?? t('charging.notGiven')}
            </Fact>
            <Fact label={t('charging.fields.access')}>{accessLabel(t, l.access)}</Fact>
            <Fact label={t('charging.fields.status')}>{statusLabel(t, l.lifecycleStatus)}</Fact>
            <Fact label={t('charging.fields.lastVerified')}>{formatDate(l.lastVerifiedAt, lang, t('common.notAvailable'))}</Fact>
            <Fact label={t('geo.types.state')}>
              {l.cveEnt ? <Link to={statePath(l.cveEnt)}>{l.stateName ?? l.cveEnt}</Link> : t('charging.unplaced')}
            </Fact>
            <Fact label={t('geo.types.municipality')}>
              {l.cvegeo ? <Link to={municipalityPath(l.cvegeo)}>{l.municipalityName ?? l.cvegeo}</Link> : t('charging.unplaced')}
            </Fact>
            <Fact label={t('charging.fields.coordinates')}>{coordinates}</Fact>
            <Fact label={t('charging.fields.sourceKey')}>
              <code>{l.sourceKey}</code>
            </Fact>
          </FactList>
          <p className="muted small" data-testid="charging-placed-by-point">
            {t('charging.location.placedByPoint')}
          </p>
          <h3>{t('charging.location.addressAsGiven')}</h3>
          <AddressAsGiven l={l} />
        </section>
        <AreaMap
          bbox={bbox}
          cveEnt={l.cveEnt ?? ''}
          cvegeo={l.cvegeo}
          marker={[l.lon, l.lat]}
          label={t('charging.location.mapLabel', { name: l.name, coordinates })}
        />
      </div>
      <LocationLiveStatus evses={l.evses} summary={l.liveStatusSummary} />
      <ConnectorTable evses={l.evses} />
      <AlsoReportedBy locationId={l.id} />
      <ChargingSources sources={l.sources} asOf={l.asOf} />
    </div>
  );
}

function notFound(id: string): ApiError {
  return new ApiError({ status: 404, code: 'CHARGING.LOCATION_NOT_FOUND', title: 'Charging location not found', detail: `There is no charging location ${id}.` });
}

/** `/cargadores/:id`: one location with its EVSEs and connectors. */
export function LocationPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const location = useAsyncData((signal) => (isLocationId(id) ? getLocation(id, signal) : Promise.reject(notFound(id))), [id]);
  usePageTitle(location.data?.id === id ? location.data.name : t('charging.location.kind'));

  if (location.data?.id === id) return <LocationDetail l={location.data} />;
  return (
    <div className="page">
      <Breadcrumb name={null} />
      {location.error ? <ErrorMessage error={location.error} onRetry={location.reload} /> : <Loading />}
    </div>
  );
}
