/**
 * OCPI 2.2.1, pure: the response envelope and status codes, credentials tokens in the
 * Authorization header, applying a pushed Location/EVSE/Connector (PUT or PATCH) to the
 * Location as last received, the EVSE status changes a push reports, pagination links, and
 * the shape of what the Locations sender serves.
 */
import type { ErrorCode } from '@electrifica/contracts';
import type { EvseStatus } from '../status.domain.js';
import { ocpiDateTimePattern, type OcpiConnector, type OcpiEvse, type OcpiLocation } from './ocpi.schemas.js';

export const ocpiVersion = '2.2.1';

/** OCPI status codes (OCPI 2.2.1, Status codes). */
export const ocpiStatus = {
  success: 1000,
  clientError: 2000,
  invalidParameters: 2001,
  notEnoughInformation: 2002,
  unknownLocation: 2003,
  serverError: 3000,
  unableToUseClientApi: 3001,
  unsupportedVersion: 3002,
  noMatchingEndpoints: 3003,
} as const;

export interface OcpiEnvelope<T> {
  data?: T;
  status_code: number;
  status_message?: string;
  timestamp: string;
}

export function envelope<T>(data: T | undefined, statusCode: number = ocpiStatus.success, message?: string, now = new Date()): OcpiEnvelope<T> {
  return {
    ...(data === undefined ? {} : { data }),
    status_code: statusCode,
    ...(message ? { status_message: message } : { status_message: statusCode === ocpiStatus.success ? 'Success' : undefined }),
    timestamp: now.toISOString(),
  } as OcpiEnvelope<T>;
}

/**
 * The one place a stable error code becomes OCPI: its status code and the HTTP status.
 * OCPI 2.2.1 (Status codes): a request that is valid JSON and reaches an existing resource
 * gets HTTP 200 and the OCPI status says what went wrong; HTTP errors are for transport
 * (401 without a valid token, 404 for what does not exist, 405 for credentials methods out
 * of turn).
 */
export function ocpiErrorOf(code: ErrorCode): { statusCode: number; httpStatus: number } {
  switch (code) {
    case 'OCPI.UNAUTHENTICATED': return { statusCode: ocpiStatus.clientError, httpStatus: 401 };
    case 'OCPI.INVALID_OBJECT': return { statusCode: ocpiStatus.invalidParameters, httpStatus: 200 };
    // OCPI 2.2.1 (Client Owned Object Push, Errors): another party's objects may be answered 404.
    case 'OCPI.WRONG_PARTY': return { statusCode: ocpiStatus.invalidParameters, httpStatus: 404 };
    case 'OCPI.UNKNOWN_LOCATION': return { statusCode: ocpiStatus.unknownLocation, httpStatus: 404 };
    case 'OCPI.ALREADY_REGISTERED': case 'OCPI.NOT_REGISTERED': return { statusCode: ocpiStatus.clientError, httpStatus: 405 };
    case 'OCPI.PEER_UNREACHABLE': return { statusCode: ocpiStatus.unableToUseClientApi, httpStatus: 200 };
    case 'OCPI.UNSUPPORTED_VERSION': return { statusCode: ocpiStatus.unsupportedVersion, httpStatus: 200 };
    case 'PLATFORM.DATABASE_UNAVAILABLE': return { statusCode: ocpiStatus.serverError, httpStatus: 503 };
    case 'PLATFORM.PAYLOAD_TOO_LARGE': return { statusCode: ocpiStatus.clientError, httpStatus: 413 };
    case 'PLATFORM.VALIDATION_FAILED': return { statusCode: ocpiStatus.invalidParameters, httpStatus: 200 };
    default: return { statusCode: ocpiStatus.serverError, httpStatus: 500 };
  }
}

/**
 * The credentials token an `Authorization: Token …` header carries. OCPI 2.2.1 sends it
 * Base64-encoded; many 2.1.1 and 2.2 platforms send it as is (the specification's own note),
 * so both readings are candidates and the token store decides which one is known.
 */
export function tokenCandidates(header: string | undefined): string[] {
  const match = header ? /^Token\s+(\S+)\s*$/i.exec(header) : null;
  if (!match) return [];
  const raw = match[1]!;
  const candidates = [raw];
  if (/^[A-Za-z0-9+/]+={0,2}$/.test(raw) && raw.length % 4 === 0) {
    const decoded = Buffer.from(raw, 'base64').toString('utf8').replace(/\n$/, '');
    // Only a decoding that gives a printable token is a reading of the header.
    if (decoded.length > 0 && /^[\x21-\x7E]+$/.test(decoded)) candidates.unshift(decoded);
  }
  return [...new Set(candidates)];
}

/** The Authorization header value for calling another platform with its token (Base64, OCPI 2.2.1). */
export const tokenHeader = (token: string) => `Token ${Buffer.from(token, 'utf8').toString('base64')}`;

/** OCPI ids are CiStrings: compared without regard to case. */
export const sameId = (a: string | null | undefined, b: string | null | undefined) => a != null && b != null && a.toUpperCase() === b.toUpperCase();
export const locationKey = (id: string) => id.toLowerCase();

/** JSON Schema errors → one readable message with JSON-ish paths (`evses[0].connectors[1].standard`). */
export function schemaProblems(errors: Iterable<{ instancePath: string; message: string; keyword: string; params: unknown }>, what: string): string {
  const lines: string[] = [];
  for (const e of errors) {
    // Noise: the per-property "schema is false" duplicates additionalProperties; anyOf restates its branches.
    if (e.keyword === 'boolean' || e.keyword === 'anyOf' || e.keyword === 'const') continue;
    const path = e.instancePath.split('/').filter(Boolean).map((p) => (/^\d+$/.test(p) ? `[${p}]` : `.${p}`)).join('').replace(/^\./, '');
    const params = e.params as Record<string, unknown>;
    let detail = e.message;
    if (e.keyword === 'additionalProperties') detail = `has fields OCPI 2.2.1 does not define: ${(params.additionalProperties as string[]).join(', ')}`;
    if (e.keyword === 'required') detail = `is missing required ${(params.requiredProperties as string[] | undefined)?.join(', ') ?? 'fields'}`;
    if (e.keyword === 'enum') detail = `must be one of ${(params.allowedValues as string[]).join(', ')}`;
    const line = `${path || what} ${detail}`;
    if (!lines.includes(line)) lines.push(line);
    if (lines.length === 5) break;
  }
  return `The ${what} is not a valid OCPI 2.2.1 ${what}: ${lines.join('; ')}.`;
}

const timeOf = (dateTime: string) => Date.parse(/(Z|[+-]\d{2}:\d{2})$/.test(dateTime) ? dateTime : `${dateTime}Z`);
/** OCPI DateTime → ISO 8601 in UTC (no zone designator means UTC). */
export const isoOf = (dateTime: string) => new Date(timeOf(dateTime)).toISOString();
const later = (a: string, b: string) => (timeOf(a) >= timeOf(b) ? a : b);

/** Where a push lands: the Location, one of its EVSEs, or one of an EVSE's Connectors. */
export interface PushTarget {
  evseUid?: string | undefined;
  connectorId?: string | undefined;
}
export type PushLevel = 'location' | 'evse' | 'connector';
export const levelOf = (t: PushTarget): PushLevel => (t.connectorId !== undefined ? 'connector' : t.evseUid !== undefined ? 'evse' : 'location');

export type PushOutcome =
  | { ok: true; location: OcpiLocation; created: boolean; stale: boolean; changed: { before: Record<string, unknown>; after: Record<string, unknown> } }
  | { ok: false; reason: 'unknown_location' | 'unknown_evse' | 'unknown_connector'; message: string };

/** The fields of `next` that differ from `previous` (shallow, compared as JSON). */
function diff(previous: Record<string, unknown> | null, next: Record<string, unknown>) {
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  for (const key of new Set([...Object.keys(previous ?? {}), ...Object.keys(next)])) {
    const a = previous?.[key];
    const b = next[key];
    if (JSON.stringify(a) !== JSON.stringify(b)) {
      before[key] = a ?? null;
      after[key] = b ?? null;
    }
  }
  return { before, after };
}

/**
 * Applies one push to the Location as last received (null: none yet). PUT replaces the
 * target object, PATCH overwrites the fields it gives (OCPI 2.2.1, Transport and format:
 * PATCH). A pushed EVSE or Connector moves its parents' `last_updated` forward (Locations,
 * PUT/PATCH). A push older than what is stored (`last_updated` before the stored object's)
 * is a late delivery: the stored object is kept; its statuses still enter the history.
 */
export function applyPush(stored: OcpiLocation | null, method: 'PUT' | 'PATCH', target: PushTarget, body: Record<string, unknown>): PushOutcome {
  const level = levelOf(target);
  const bodyUpdated = body.last_updated as string;
  if (level === 'location') {
    if (method === 'PATCH' && !stored) return { ok: false, reason: 'unknown_location', message: 'This Location is unknown here; PUT the whole Location first.' };
    const stale = stored !== null && timeOf(bodyUpdated) < timeOf(stored.last_updated);
    const next = stale ? stored! : method === 'PUT' ? (body as unknown as OcpiLocation) : ({ ...stored!, ...body } as OcpiLocation);
    return { ok: true, location: next, created: stored === null, stale, changed: stale ? { before: {}, after: {} } : diff(stored as Record<string, unknown> | null, next as Record<string, unknown>) };
  }
  if (!stored) return { ok: false, reason: 'unknown_location', message: 'This Location is unknown here; PUT the Location before its EVSEs and Connectors.' };
  const evses = stored.evses ?? [];
  const evseIndex = evses.findIndex((e) => sameId(e.uid, target.evseUid));
  const evse = evseIndex >= 0 ? evses[evseIndex]! : null;

  if (level === 'evse') {
    if (!evse && method === 'PATCH') return { ok: false, reason: 'unknown_evse', message: `EVSE "${target.evseUid}" is unknown in this Location; PUT it first.` };
    const stale = evse !== null && timeOf(bodyUpdated) < timeOf(evse.last_updated);
    if (stale) return { ok: true, location: stored, created: false, stale, changed: { before: {}, after: {} } };
    const nextEvse = (method === 'PUT' ? body : { ...evse!, ...body }) as unknown as OcpiEvse;
    const nextEvses = evse ? evses.map((e, i) => (i === evseIndex ? nextEvse : e)) : [...evses, nextEvse];
    const location = { ...stored, evses: nextEvses, last_updated: later(stored.last_updated, nextEvse.last_updated) };
    return { ok: true, location, created: evse === null, stale, changed: diff(evse as Record<string, unknown> | null, nextEvse as Record<string, unknown>) };
  }

  if (!evse) return { ok: false, reason: 'unknown_evse', message: `EVSE "${target.evseUid}" is unknown in this Location; PUT the EVSE before its Connectors.` };
  const connectors = evse.connectors;
  const connectorIndex = connectors.findIndex((c) => sameId(c.id, target.connectorId));
  const connector = connectorIndex >= 0 ? connectors[connectorIndex]! : null;
  if (!connector && method === 'PATCH') return { ok: false, reason: 'unknown_connector', message: `Connector "${target.connectorId}" is unknown in EVSE "${evse.uid}"; PUT it first.` };
  const stale = connector !== null && timeOf(bodyUpdated) < timeOf(connector.last_updated);
  if (stale) return { ok: true, location: stored, created: false, stale, changed: { before: {}, after: {} } };
  const nextConnector = (method === 'PUT' ? body : { ...connector!, ...body }) as unknown as OcpiConnector;
  const nextConnectors = connector ? connectors.map((c, i) => (i === connectorIndex ? nextConnector : c)) : [...connectors, nextConnector];
  const nextEvse = { ...evse, connectors: nextConnectors, last_updated: later(evse.last_updated, nextConnector.last_updated) };
  const location = {
    ...stored, evses: evses.map((e, i) => (i === evseIndex ? nextEvse : e)), last_updated: later(stored.last_updated, nextConnector.last_updated),
  };
  return { ok: true, location, created: connector === null, stale, changed: diff(connector as Record<string, unknown> | null, nextConnector as Record<string, unknown>) };
}

/** An EVSE status a push reports, as it goes into the status history. */
export interface ReportedStatus {
  evseUid: string;
  status: EvseStatus;
  occurredAt: Date;
}

/**
 * The EVSE statuses a push reports that differ from what the party last told us for that
 * EVSE (a status repeated is not a change). A Location PUT or PATCH with EVSEs reports each
 * EVSE's status; an EVSE push reports its own; a Connector push reports none (OCPI keeps
 * status per EVSE). When the change happened: the EVSE's `last_updated`, as the CPO gives it.
 */
export function reportedStatusChanges(stored: OcpiLocation | null, target: PushTarget, body: Record<string, unknown>): ReportedStatus[] {
  const level = levelOf(target);
  let reported: Array<{ uid: string; status: EvseStatus; lastUpdated: string }> = [];
  if (level === 'location' && Array.isArray(body.evses)) {
    reported = (body.evses as OcpiEvse[]).map((e) => ({ uid: e.uid, status: e.status, lastUpdated: e.last_updated }));
  } else if (level === 'evse' && typeof body.status === 'string') {
    const known = stored?.evses?.find((e) => sameId(e.uid, target.evseUid));
    reported = [{ uid: known?.uid ?? target.evseUid!, status: body.status as EvseStatus, lastUpdated: body.last_updated as string }];
  }
  return reported
    .filter((r) => stored?.evses?.find((e) => sameId(e.uid, r.uid))?.status !== r.status)
    .map((r) => ({ evseUid: stored?.evses?.find((e) => sameId(e.uid, r.uid))?.uid ?? r.uid, status: r.status, occurredAt: new Date(timeOf(r.lastUpdated)) }));
}

/** Sender pagination: `offset`, `limit` (capped), `date_from` (inclusive), `date_to` (exclusive). */
export interface PageQuery {
  offset: number;
  limit: number;
  dateFrom: Date | null;
  dateTo: Date | null;
}

export const defaultPageLimit = 100;
export const maxPageLimit = 1000;

/** The query of a GET list, or the first problem with it. */
export function pageQuery(q: Record<string, string | undefined>): PageQuery | string {
  const int = (name: string, fallback: number) => {
    const raw = q[name];
    if (raw === undefined || raw === '') return fallback;
    return /^\d{1,9}$/.test(raw) ? Number(raw) : null;
  };
  const offset = int('offset', 0);
  const limit = int('limit', defaultPageLimit);
  if (offset === null) return `offset "${q.offset}" must be a non-negative integer.`;
  if (limit === null || limit === 0) return `limit "${q.limit}" must be a positive integer.`;
  const date = (name: 'date_from' | 'date_to') => {
    const raw = q[name];
    if (raw === undefined || raw === '') return null;
    return new RegExp(ocpiDateTimePattern).test(raw) && !Number.isNaN(timeOf(raw)) ? new Date(timeOf(raw)) : undefined;
  };
  const dateFrom = date('date_from');
  const dateTo = date('date_to');
  if (dateFrom === undefined) return `date_from "${q.date_from}" is not an OCPI DateTime (e.g. 2024-05-01T00:00:00Z).`;
  if (dateTo === undefined) return `date_to "${q.date_to}" is not an OCPI DateTime (e.g. 2024-05-01T00:00:00Z).`;
  return { offset, limit: Math.min(limit, maxPageLimit), dateFrom, dateTo };
}

/**
 * The pagination headers of a GET list (OCPI 2.2.1, Transport and format: Paginated
 * Response): `X-Total-Count`, `X-Limit`, and a `Link` to the next page, carrying the
 * request's filters, unless this is the last page.
 */
export function pageHeaders(url: string, query: Record<string, string | undefined>, page: PageQuery, total: number): Record<string, string> {
  const headers: Record<string, string> = { 'X-Total-Count': String(total), 'X-Limit': String(page.limit) };
  const nextOffset = page.offset + page.limit;
  if (nextOffset < total) {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) if (v !== undefined && k !== 'offset' && k !== 'limit') params.set(k, v);
    params.set('offset', String(nextOffset));
    params.set('limit', String(page.limit));
    headers.Link = `<${url}?${params.toString()}>; rel="next"`;
  }
  return headers;
}

/**
 * What the sender serves for one census location: the census' OCPI export shape with the
 * live status of each EVSE. An EVSE that never reported keeps what the census knows of it
 * (PLANNED, REMOVED, OUTOFORDER from its lifecycle, otherwise UNKNOWN). `last_updated` is the
 * later of the record's change and its EVSEs' latest status change, so `date_from` finds a
 * location whose status moved.
 */
export function withLiveStatus<L extends { evses: Array<{ uid: string; status: string; last_updated: string }>; last_updated: string }>(
  location: L,
  live: ReadonlyMap<string, { status: EvseStatus; receivedAt: Date }>,
): L {
  let lastUpdated = location.last_updated;
  const evses = location.evses.map((e) => {
    const s = live.get(e.uid);
    if (!s) return e;
    const at = s.receivedAt.toISOString();
    if (at > lastUpdated) lastUpdated = at;
    return { ...e, status: s.status, last_updated: at > e.last_updated ? at : e.last_updated };
  });
  return { ...location, evses, last_updated: lastUpdated };
}

/** The modules and interfaces Electrifica implements, for the version details endpoint. */
export function versionEndpoints(base: string) {
  return [
    { identifier: 'credentials', role: 'SENDER', url: `${base}/ocpi/${ocpiVersion}/credentials` },
    { identifier: 'credentials', role: 'RECEIVER', url: `${base}/ocpi/${ocpiVersion}/credentials` },
    // One URL for both interfaces: the receiver's paths start with country code and party id,
    // the sender's with a census location id (a UUID), so the two never collide.
    { identifier: 'locations', role: 'SENDER', url: `${base}/ocpi/${ocpiVersion}/locations` },
    { identifier: 'locations', role: 'RECEIVER', url: `${base}/ocpi/${ocpiVersion}/locations` },
  ];
}

export const isUuid = (value: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
