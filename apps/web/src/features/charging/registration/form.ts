import type {
  Access, ChargingUse, ConnectorFormat, ConnectorStandard, CreateBody, LifecycleStatus, PaymentMethod, PowerType, RegistrantRole,
  RegistrationBody, RegistrationDetail,
} from './types';

/**
 * The registration form as the inputs hold it (text, so a half-typed number is kept as
 * typed), and the pure rules that turn it into an API body or into per-field messages.
 */
export interface ConnectorForm {
  standard: ConnectorStandard;
  format: ConnectorFormat | '';
  powerType: PowerType | '';
  maxVoltageV: string;
  maxAmperageA: string;
  maxPowerKw: string;
}
export interface EvseForm {
  evseUid: string;
  connectors: ConnectorForm[];
}
export interface PeriodForm {
  weekday: number;
  begin: string;
  end: string;
}
export type HoursMode = 'unknown' | 'twentyfourseven' | 'weekly';

export interface RegistrationForm {
  actingAs: RegistrantRole;
  /** Operators: the operator organisation; owners: '' for themselves or an organisation they edit. */
  organisationId: string;
  name: string;
  address: string;
  postalCode: string;
  lat: string;
  lon: string;
  access: Access;
  uses: ChargingUse[];
  paymentMethods: PaymentMethod[];
  ocpp: 'unknown' | 'yes' | 'no';
  hoursMode: HoursMode;
  periods: PeriodForm[];
  commissionedOn: string;
  lifecycleStatus: LifecycleStatus;
  evses: EvseForm[];
}

/** Keys are JSON pointers into the body (`/lat`, `/evses/0/connectors/1/maxPowerKw`), as the server reports them. */
export type FormErrors = Record<string, FormMessage>;
/** A message key under `chargingRegistration.validation`, or a server message shown as given. */
export type FormMessage = { key: ValidationKey } | { text: string };
export type ValidationKey =
  | 'required' | 'nameShort' | 'number' | 'lat' | 'lon' | 'swapped' | 'postalCode' | 'power' | 'positive' | 'period' | 'oneConnector' | 'oneEvse' | 'organisation';

export const emptyConnector = (): ConnectorForm => ({ standard: 'J1772', format: '', powerType: '', maxVoltageV: '', maxAmperageA: '', maxPowerKw: '' });
export const emptyEvse = (): EvseForm => ({ evseUid: '', connectors: [emptyConnector()] });

export function emptyForm(actingAs: RegistrantRole, organisationId = ''): RegistrationForm {
  return {
    actingAs, organisationId, name: '', address: '', postalCode: '', lat: '', lon: '', access: actingAs === 'owner' ? 'private' : 'public',
    uses: ['light_duty'], paymentMethods: [], ocpp: 'unknown', hoursMode: actingAs === 'owner' ? 'unknown' : 'twentyfourseven', periods: [],
    commissionedOn: '', lifecycleStatus: 'operational', evses: [emptyEvse()],
  };
}

const text = (v: number | null) => (v === null ? '' : String(v));

export function formFromDetail(d: RegistrationDetail): RegistrationForm {
  const periods = d.openingHours?.regular_hours ?? [];
  return {
    actingAs: d.registeredAs ?? 'owner',
    organisationId: d.operatorOrganisation?.id ?? d.ownerOrganisation?.id ?? '',
    name: d.name, address: d.address ?? '', postalCode: d.postalCode ?? '', lat: String(d.lat), lon: String(d.lon),
    access: d.access ?? 'public', uses: d.uses, paymentMethods: d.paymentMethods,
    ocpp: d.ocppSupport === null ? 'unknown' : d.ocppSupport ? 'yes' : 'no',
    hoursMode: d.openingHours === null ? 'unknown' : d.openingHours.twentyfourseven ? 'twentyfourseven' : 'weekly',
    periods: periods.map((p) => ({ weekday: p.weekday, begin: p.period_begin, end: p.period_end })),
    commissionedOn: d.commissionedOn ?? '', lifecycleStatus: d.lifecycleStatus ?? 'operational',
    evses: d.evses.map((e) => ({
      evseUid: e.evseUid,
      connectors: e.connectors.map((c) => ({
        standard: c.standard ?? 'OTHER', format: c.format ?? '', powerType: c.powerType ?? '',
        maxVoltageV: text(c.maxVoltageV), maxAmperageA: text(c.maxAmperageA), maxPowerKw: text(c.maxPowerKw),
      })),
    })),
  };
}

/** A decimal as typed (accepts a comma as the decimal mark); NaN when not a number; null when empty. */
export function parseDecimal(value: string): number | null {
  const v = value.trim().replace(',', '.');
  if (!v) return null;
  return /^[-+]?\d+(\.\d+)?$/.test(v) ? Number(v) : Number.NaN;
}

const inMexicoLat = (lat: number) => lat >= 14.3 && lat <= 32.8;
const inMexicoLon = (lon: number) => lon >= -118.7 && lon <= -86.5;

/** The point, when both coordinates are numbers. */
export function pointOf(form: Pick<RegistrationForm, 'lat' | 'lon'>): { lat: number; lon: number } | null {
  const lat = parseDecimal(form.lat);
  const lon = parseDecimal(form.lon);
  return lat !== null && lon !== null && Number.isFinite(lat) && Number.isFinite(lon) ? { lat, lon } : null;
}

/** Field-level checks done before sending; the server checks again (and checks the point against the boundaries). */
export function validateForm(form: RegistrationForm): FormErrors {
  const errors: FormErrors = {};
  const set = (path: string, key: ValidationKey) => {
    if (!errors[path]) errors[path] = { key };
  };
  if (form.actingAs === 'operator' && !form.organisationId) set('/organisationId', 'organisation');
  if (!form.name.trim()) set('/name', 'required');
  else if (form.name.trim().length < 2) set('/name', 'nameShort');
  if (form.postalCode.trim() && !/^\d{5}$/.test(form.postalCode.trim())) set('/postalCode', 'postalCode');
  const lat = parseDecimal(form.lat);
  const lon = parseDecimal(form.lon);
  if (lat === null) set('/lat', 'required');
  else if (Number.isNaN(lat)) set('/lat', 'number');
  if (lon === null) set('/lon', 'required');
  else if (Number.isNaN(lon)) set('/lon', 'number');
  if (lat !== null && lon !== null && Number.isFinite(lat) && Number.isFinite(lon)) {
    if (!(inMexicoLat(lat) && inMexicoLon(lon)) && inMexicoLat(lon) && inMexicoLon(lat)) set('/lat', 'swapped');
    else {
      if (!inMexicoLat(lat)) set('/lat', 'lat');
      if (!inMexicoLon(lon)) set('/lon', 'lon');
    }
  }
  if (form.hoursMode === 'weekly') {
    form.periods.forEach((p, i) => {
      if (!p.begin) set(`/openingHours/regular_hours/${i}/period_begin`, 'required');
      if (!p.end) set(`/openingHours/regular_hours/${i}/period_end`, 'required');
      if (p.begin && p.end && p.begin >= p.end) set(`/openingHours/regular_hours/${i}/period_end`, 'period');
    });
  }
  if (form.evses.length === 0) set('/evses', 'oneEvse');
  form.evses.forEach((e, i) => {
    if (e.connectors.length === 0) set(`/evses/${i}/connectors`, 'oneConnector');
    e.connectors.forEach((c, j) => {
      const path = `/evses/${i}/connectors/${j}`;
      const power = parseDecimal(c.maxPowerKw);
      if (power !== null && (Number.isNaN(power) || power <= 0 || power > 1200)) set(`${path}/maxPowerKw`, 'power');
      for (const field of ['maxVoltageV', 'maxAmperageA'] as const) {
        const v = parseDecimal(c[field]);
        if (v !== null && (Number.isNaN(v) || v <= 0)) set(`${path}/${field}`, 'positive');
      }
    });
  });
  return errors;
}

/** The form as the API body; call after `validateForm` found nothing. */
export function bodyOf(form: RegistrationForm): RegistrationBody {
  const point = pointOf(form)!;
  return {
    name: form.name.trim(),
    address: form.address.trim() || null,
    postalCode: form.postalCode.trim() || null,
    lat: point.lat,
    lon: point.lon,
    access: form.access,
    uses: form.uses,
    paymentMethods: form.paymentMethods,
    ocppSupport: form.ocpp === 'unknown' ? null : form.ocpp === 'yes',
    openingHours: form.hoursMode === 'unknown'
      ? null
      : form.hoursMode === 'twentyfourseven'
        ? { twentyfourseven: true }
        : { twentyfourseven: false, regular_hours: form.periods.map((p) => ({ weekday: p.weekday, period_begin: p.begin, period_end: p.end })) },
    commissionedOn: form.commissionedOn || null,
    lifecycleStatus: form.lifecycleStatus,
    evses: form.evses.map((e) => ({
      evseUid: e.evseUid.trim() || null,
      connectors: e.connectors.map((c) => ({
        standard: c.standard,
        format: c.format || null,
        powerType: c.powerType || null,
        maxVoltageV: parseDecimal(c.maxVoltageV),
        maxAmperageA: parseDecimal(c.maxAmperageA),
        maxPowerKw: parseDecimal(c.maxPowerKw),
      })),
    })),
  };
}

export function createBodyOf(form: RegistrationForm): CreateBody {
  return { ...bodyOf(form), actingAs: form.actingAs, organisationId: form.organisationId || null };
}

/** Server field errors keyed by their pointer (the body's own paths). */
export function serverErrors(errors: ReadonlyArray<{ path: string; message: string }>): FormErrors {
  const out: FormErrors = {};
  for (const e of errors) {
    const path = e.path.replace(/^\/body/, '') || '/';
    if (!out[path]) out[path] = { text: e.message };
  }
  return out;
}
