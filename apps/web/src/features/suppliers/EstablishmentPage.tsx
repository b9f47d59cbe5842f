import './suppliers.css';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../api/client';
import type { BBox } from '../../api/types';
import { AreaMap } from '../../atlas/AreaMap';
import { translateDynamic } from '../../i18n/dynamic';
import { formatDecimal, formatInteger } from '../../i18n/format';
import { DataTable } from '../../ui/DataTable';
import { Fact, FactList } from '../../ui/Facts';
import { SelectField } from '../../ui/Field';
import { ErrorMessage, Loading } from '../../ui/Status';
import { useAsyncData } from '../../ui/useAsyncData';
import { usePageTitle } from '../../ui/usePageTitle';
import { municipalityPath, statePath } from '../geo/paths';
import { getEstablishment, listEstablishments } from './api';
import { emptyFilters, paramsFromFilters, radiusOptions, type SupplierFilters } from './filters';
import { formatDate, isExpired, provenanceRows, todayIso } from './labels';
import { companyPath, componentPath, directoryPath, establishmentPath, isUuid } from './paths';
import { ClaimSlot } from './registration/ClaimSlot';
import { ResultList } from './ResultList';
import { SupplierSources } from './SupplierSources';
import type { EstablishmentDetail } from './types';
import { useVocabularies, type Vocabularies } from './useVocabularies';

/** Half the side of the small map around the plant, in degrees (about 30 km). */
const mapSpan = 0.3;
const nearLimit = 10;

export function SuppliersBreadcrumb({ trail }: { trail: Array<{ to?: string; label: string }> }) {
  const { t } = useTranslation();
  return (
    <nav aria-label={t('common.breadcrumb')} className="breadcrumb">
      <ol>
        <li>
          <Link to={directoryPath}>{t('suppliers.title')}</Link>
        </li>
        {trail.map((item, index) =>
          item.to ? (
            <li key={index}>
              <Link to={item.to}>{item.label}</Link>
            </li>
          ) : (
            <li key={index} aria-current="page">
              {item.label}
            </li>
          ),
        )}
      </ol>
    </nav>
  );
}

function List({ codes, label, empty }: { codes: string[]; label: (code: string) => string; empty: string }) {
  if (codes.length === 0) return <>{empty}</>;
  return <>{codes.map(label).join(', ')}</>;
}

function Address({ e }: { e: EstablishmentDetail }) {
  const { t } = useTranslation();
  const a = e.address;
  const lines = a
    ? [
        [a.street, a.exteriorNumber].filter(Boolean).join(' '),
        a.industrialPark,
        [a.neighbourhood, a.postalCode ? `C.P. ${a.postalCode}` : null].filter(Boolean).join(', '),
        [a.locality, a.municipalityAsGiven, a.stateAsGiven].filter(Boolean).join(', '),
      ].filter((line): line is string => Boolean(line))
    : [];
  if (lines.length === 0) return <>{t('suppliers.notGiven')}</>;
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

function Certifications({ e }: { e: EstablishmentDetail }) {
  const { t, i18n } = useTranslation();
  const v = useVocabularies();
  if (e.certifications.length === 0) return <>{t('suppliers.notGiven')}</>;
  const today = todayIso();
  return (
    <ul className="plain-list" data-testid="supplier-certifications">
      {e.certifications.map((c) => {
        const expired = isExpired(c, today);
        return (
          <li key={c.code} data-expired={expired ? 'true' : 'false'}>
            {v.certification(c.code)}{' '}
            {c.expiresOn ? (
              expired ? (
                <>
                  <span className="tag tag--warning">{t('suppliers.establishment.expiredTag')}</span>{' '}
                  <span className="muted small">{t('suppliers.establishment.expired', { date: formatDate(c.expiresOn, i18n.language) })}</span>
                </>
              ) : (
                <span className="muted small">{t('suppliers.establishment.expires', { date: formatDate(c.expiresOn, i18n.language) })}</span>
              )
            ) : (
              <span className="muted small">{t('suppliers.establishment.noExpiry')}</span>
            )}
          </li>
        );
      })}
    </ul>
  );
}

function Provenance({ provenance, sourceName }: { provenance: Record<string, unknown>; sourceName: (id: string) => string }) {
  const { t, i18n } = useTranslation();
  const entries = provenanceRows(provenance).map(({ field, p }) => [field, p] as const);
  if (entries.length === 0) return null;
  const fieldLabel = (field: string) =>
    field === 'record' ? t('suppliers.establishment.provenanceRecord') : translateDynamic(t, `suppliers.fields.${field}`, field);
  return (
    <section className="card" aria-labelledby="supplier-provenance-heading">
      <h2 id="supplier-provenance-heading">{t('suppliers.establishment.provenanceTitle')}</h2>
      <DataTable
        caption={t('suppliers.establishment.provenanceTitle')}
        testId="supplier-provenance"
        columns={[
          t('suppliers.establishment.provenanceField'),
          t('suppliers.establishment.provenanceSource'),
          t('suppliers.establishment.provenanceDate'),
          t('suppliers.establishment.provenanceMethod'),
        ]}
      >
        {entries.map(([field, p]) => (
          <tr key={field}>
            <th scope="row">{fieldLabel(field)}</th>
            <td>
              {sourceName(p.source)}
              {p.vintage ? <span className="muted small"> · {p.vintage}</span> : null}
            </td>
            <td>{formatDate(p.declaredAt ?? p.retrievedAt ?? null, i18n.language, p.vintage ?? '—')}</td>
            <td>{translateDynamic(t, `suppliers.establishment.methods.${p.method}`, p.method)}</td>
          </tr>
        ))}
      </DataTable>
    </section>
  );
}

/** "Suppliers of <component> near this plant": for buyers, from the directory's own search. */
function NearbySuppliers({ e, v }: { e: EstablishmentDetail; v: Vocabularies }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [component, setComponent] = useState(e.components[0] ?? '');
  const [radiusKm, setRadiusKm] = useState(100);
  const filters: SupplierFilters = { ...emptyFilters, component: component ? [component] : [], near: { lat: e.lat, lon: e.lon }, radiusKm, place: e.name };
  const near = useAsyncData(
    (signal) => (component ? listEstablishments(filters, { limit: nearLimit + 1, offset: 0, sort: 'distance' }, signal) : null),
    [component, radiusKm, e.id],
  );
  const others = (near.data?.items ?? []).filter((item) => item.id !== e.id).slice(0, nearLimit);
  const total = near.data ? near.data.total - (near.data.items.some((item) => item.id === e.id) ? 1 : 0) : 0;
  const options = (v.components ?? []).filter((c) => !c.retired);
  return (
    <section className="card" aria-labelledby="supplier-near-heading" data-testid="supplier-near">
      <h2 id="supplier-near-heading">{t('suppliers.establishment.nearTitle')}</h2>
      <p className="muted small">{t('suppliers.establishment.nearIntro')}</p>
      <div className="supplier-near__controls">
        <SelectField label={t('suppliers.establishment.nearComponent')} name="nearComponent" value={component} onChange={(ev) => setComponent(ev.target.value)}>
          <option value="">{t('suppliers.establishment.nearChoose')}</option>
          {options.map((c) => (
            <option key={c.code} value={c.code}>
              {v.component(c.code)}
            </option>
          ))}
        </SelectField>
        <SelectField label={t('suppliers.radius.km')} name="nearRadiusKm" value={String(radiusKm)} onChange={(ev) => setRadiusKm(Number(ev.target.value))}>
          {radiusOptions.map((km) => (
            <option key={km} value={String(km)}>
              {t('suppliers.radius.kmOption', { km: formatInteger(km, lang) })}
            </option>
          ))}
        </SelectField>
      </div>
      {component ? (
        <>
          <h3>{t('suppliers.establishment.nearHeading', { component: v.component(component), km: formatInteger(radiusKm, lang) })}</h3>
          {near.error ? <ErrorMessage error={near.error} onRetry={near.reload} /> : null}
          {near.loading && !near.data ? <Loading /> : null}
          {near.data ? (
            others.length === 0 ? (
              <p className="muted">{t('suppliers.establishment.nearEmpty')}</p>
            ) : (
              <>
                <p role="status">{t('suppliers.results.total', { total: formatInteger(Math.max(0, total), lang) })}</p>
                <ResultList items={others} vocabularies={v} testId="supplier-near-list" />
                <Link to={`${directoryPath}?${paramsFromFilters(filters).toString()}`}>{t('suppliers.establishment.nearAll')}</Link>
              </>
            )
          ) : null}
        </>
      ) : null}
    </section>
  );
}

function EstablishmentView({ e }: { e: EstablishmentDetail }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const v = useVocabularies();
  const bbox: BBox = [e.lon - mapSpan, e.lat - mapSpan, e.lon + mapSpan, e.lat + mapSpan];
  const coordinates = `${formatDecimal(e.lat, lang, 5)}, ${formatDecimal(e.lon, lang, 5)}`;
  const sources = e.sources ?? [];
  const sourceName = (id: string) => sources.find((s) => s.id === id)?.name ?? id;
  const none = t('suppliers.notGiven');
  return (
    <div className="page suppliers-page" data-testid="supplier-establishment">
      <SuppliersBreadcrumb trail={[{ label: e.name }]} />
      <p className="eyebrow">{t('suppliers.establishment.kind')}</p>
      <h1>{e.name}</h1>
      {e.company ? (
        <p className="lead">
          {t('suppliers.fields.company')}: <Link to={companyPath(e.company.id)}>{e.company.legalName}</Link>
        </p>
      ) : null}
      <div className="profile-grid">
        <section className="card" aria-labelledby="supplier-facts-heading">
          <h2 id="supplier-facts-heading">{t('geo.keyFacts')}</h2>
          <FactList>
            <Fact label={t('suppliers.fields.legalName')}>{e.legalName ?? e.company?.legalName ?? none}</Fact>
            <Fact label={t('geo.types.state')} testId="supplier-state">
              {e.cveEnt ? <Link to={statePath(e.cveEnt)}>{e.stateName ?? e.cveEnt}</Link> : t('suppliers.unplaced')}
            </Fact>
            <Fact label={t('geo.types.municipality')}>
              {e.cvegeo ? <Link to={municipalityPath(e.cvegeo)}>{e.municipalityName ?? e.cvegeo}</Link> : t('suppliers.unplaced')}
            </Fact>
            <Fact label={t('suppliers.fields.scian')} testId="supplier-scian">
              {e.scian ? (
                <>
                  <code>{e.scian}</code> {e.scianTitle ?? ''}
                </>
              ) : (
                none
              )}
            </Fact>
            <Fact label={t('suppliers.fields.tiers')}>
              <List codes={e.tiers} label={v.tier} empty={none} />
            </Fact>
            <Fact label={t('suppliers.fields.processes')}>
              <List codes={e.processes} label={v.process} empty={none} />
            </Fact>
            <Fact label={t('suppliers.fields.components')} testId="supplier-components">
              {e.components.length === 0 ? (
                none
              ) : (
                <ul className="tag-list">
                  {e.components.map((c) => (
                    <li key={c} className="tag tag--component">
                      <Link to={componentPath(c)}>{v.component(c)}</Link>
                    </li>
                  ))}
                </ul>
              )}
            </Fact>
            <Fact label={t('suppliers.fields.certifications')}>
              <Certifications e={e} />
            </Fact>
            <Fact label={t('suppliers.fields.evReadiness')}>{e.evReadiness ? v.evReadiness(e.evReadiness) : none}</Fact>
            <Fact label={t('suppliers.fields.sizeClass')}>{e.sizeClass ? v.size(e.sizeClass) : none}</Fact>
            <Fact label={t('suppliers.fields.employeesStratum')}>{e.employeesStratum ? v.stratum(e.employeesStratum) : none}</Fact>
            {e.oemCustomers && e.oemCustomers.length > 0 ? <Fact label={t('suppliers.fields.oemCustomers')}>{e.oemCustomers.join(', ')}</Fact> : null}
            {e.exportMarkets && e.exportMarkets.length > 0 ? <Fact label={t('suppliers.fields.exportMarkets')}>{e.exportMarkets.join(', ')}</Fact> : null}
            <Fact label={t('suppliers.fields.coordinates')}>{coordinates}</Fact>
            <Fact label={t('suppliers.fields.source')} testId="supplier-source">
              {e.cite?.source ?? sourceName(e.source)}
              {e.cite?.licence ? <span className="muted small"> ({e.cite.licence})</span> : null}
            </Fact>
          </FactList>
          <h3>{t('suppliers.fields.address')}</h3>
          <Address e={e} />
          <p className="muted small">{t('suppliers.establishment.placedByPoint')}</p>
          {e.locationFlags.length > 0 ? (
            <div className="alert alert--warning" data-testid="supplier-location-flags">
              <strong>{t('suppliers.establishment.flagsTitle')}</strong>
              <ul>
                {e.locationFlags.map((flag) => (
                  <li key={flag}>{translateDynamic(t, `suppliers.establishment.flags.${flag}`, flag)}</li>
                ))}
              </ul>
            </div>
          ) : null}
        </section>
        <AreaMap bbox={bbox} cveEnt={e.cveEnt ?? ''} cvegeo={e.cvegeo} marker={[e.lon, e.lat]} label={t('suppliers.establishment.mapLabel', { name: e.name, coordinates })} />
      </div>
      {e.contact && (e.contact.phone || e.contact.email || e.contact.website) ? (
        <section className="card" aria-labelledby="supplier-contact-heading" data-testid="supplier-contact">
          <h2 id="supplier-contact-heading">{t('suppliers.establishment.contactTitle')}</h2>
          <FactList compact>
            {e.contact.phone ? <Fact label={t('suppliers.fields.phone')}>{e.contact.phone}</Fact> : null}
            {e.contact.email ? (
              <Fact label={t('suppliers.fields.email')}>
                <a href={`mailto:${e.contact.email}`}>{e.contact.email}</a>
              </Fact>
            ) : null}
            {e.contact.website ? (
              <Fact label={t('suppliers.fields.website')}>
                <a href={e.contact.website} rel="noopener noreferrer">
                  {e.contact.website}
                </a>
              </Fact>
            ) : null}
          </FactList>
          <p className="muted small">{t('suppliers.establishment.contactNote')}</p>
        </section>
      ) : e.contactHidden === 'sign_in' ? (
        <section className="card" aria-labelledby="supplier-contact-heading" data-testid="supplier-contact-sign-in">
          <h2 id="supplier-contact-heading">{t('suppliers.establishment.contactTitle')}</h2>
          <p>
            {t('suppliers.establishment.contactSignIn')}{' '}
            <Link to={`/entrar?next=${encodeURIComponent(establishmentPath(e.id))}`}>{t('suppliers.establishment.contactSignInLink')}</Link>
          </p>
        </section>
      ) : null}
      <NearbySuppliers e={e} v={v} />
      {e.alsoReportedBy && e.alsoReportedBy.length > 0 ? (
        <section className="card" aria-labelledby="supplier-also-heading" data-testid="supplier-also-reported">
          <h2 id="supplier-also-heading">{t('suppliers.establishment.alsoReportedTitle')}</h2>
          <p className="muted small">{t('suppliers.establishment.alsoReportedIntro')}</p>
          <ul>
            {e.alsoReportedBy.map((r) => (
              <li key={r.id}>
                {r.name} · {r.attribution || sourceName(r.source)}
                {r.licence ? <span className="muted small"> ({r.licence})</span> : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <Provenance provenance={e.provenance} sourceName={sourceName} />
      {/* The claim button: a company asks to manage this plant. */}
      <ClaimSlot establishmentId={e.id} />
      {/* The record's data are as recent as its last update. */}
      <SupplierSources sources={e.sources} asOf={e.asOf ?? e.updatedAt ?? null} />
    </div>
  );
}

function notFound(id: string): ApiError {
  return new ApiError({ status: 404, code: 'SUPPLIERS.ESTABLISHMENT_NOT_FOUND', title: 'Establishment not found', detail: `There is no establishment ${id}.` });
}

/** `/proveedores/:id`: one plant, all it declares, where each value comes from, and suppliers near it. */
export function EstablishmentPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const e = useAsyncData((signal) => (isUuid(id) ? getEstablishment(id, signal) : Promise.reject(notFound(id))), [id]);
  usePageTitle(e.data?.id === id ? e.data.name : t('suppliers.establishment.kind'));
  const data = e.data?.id === id ? e.data : undefined;
  if (data?.mergedInto) {
    return (
      <div className="page">
        <SuppliersBreadcrumb trail={[{ label: data.name }]} />
        <h1>{data.name}</h1>
        <p className="alert alert--warning" data-testid="supplier-merged">
          {t('suppliers.establishment.mergedInto')} <Link to={establishmentPath(data.mergedInto.id)}>{data.mergedInto.name}</Link>
        </p>
      </div>
    );
  }
  if (data) return <EstablishmentView e={data} />;
  return (
    <div className="page">
      <SuppliersBreadcrumb trail={[]} />
      {e.error ? <ErrorMessage error={e.error} onRetry={e.reload} /> : <Loading />}
    </div>
  );
}
