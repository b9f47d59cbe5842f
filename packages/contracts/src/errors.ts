/**
 * The one catalogue of stable error codes. A code never changes meaning once published;
 * HTTP, CLI and (later) OCPP/OCPI edges map these to their own wire formats in one place each.
 */
export const errorCatalogue = {
  // platform
  'PLATFORM.VALIDATION_FAILED': { httpStatus: 400, title: 'The request is not valid' },
  'PLATFORM.NOT_FOUND': { httpStatus: 404, title: 'Not found' },
  'PLATFORM.RATE_LIMITED': { httpStatus: 429, title: 'Too many requests' },
  'PLATFORM.DATABASE_UNAVAILABLE': { httpStatus: 503, title: 'The database is unavailable' },
  'PLATFORM.INTERNAL': { httpStatus: 500, title: 'Internal error' },
  'PLATFORM.PAYLOAD_TOO_LARGE': { httpStatus: 413, title: 'The request body is too large' },
  // accounts
  'ACCOUNTS.UNAUTHENTICATED': { httpStatus: 401, title: 'Sign-in required' },
  'ACCOUNTS.FORBIDDEN': { httpStatus: 403, title: 'Not allowed' },
  'ACCOUNTS.INVALID_CREDENTIALS': { httpStatus: 401, title: 'Email or password is wrong' },
  'ACCOUNTS.EMAIL_TAKEN': { httpStatus: 409, title: 'An account with this email already exists' },
  'ACCOUNTS.WEAK_PASSWORD': { httpStatus: 400, title: 'The password is too weak' },
  'ACCOUNTS.USER_NOT_FOUND': { httpStatus: 404, title: 'User not found' },
  'ACCOUNTS.ORGANISATION_NOT_FOUND': { httpStatus: 404, title: 'Organisation not found' },
  'ACCOUNTS.TOKEN_NOT_FOUND': { httpStatus: 404, title: 'API token not found' },
  'ACCOUNTS.ALREADY_MEMBER': { httpStatus: 409, title: 'The user is already a member' },
  'ACCOUNTS.OCPI_PARTY_TAKEN': { httpStatus: 409, title: 'Another organisation already has this OCPI party' },
  // geo
  'GEO.STATE_NOT_FOUND': { httpStatus: 404, title: 'State not found' },
  'GEO.MUNICIPALITY_NOT_FOUND': { httpStatus: 404, title: 'Municipality not found' },
  'GEO.POINT_OUTSIDE_COVERAGE': { httpStatus: 404, title: 'The point is not inside Mexico' },
  'GEO.INVALID_COORDINATES': { httpStatus: 400, title: 'Coordinates are not valid' },
  // charging
  'CHARGING.LOCATION_NOT_FOUND': { httpStatus: 404, title: 'Charging location not found' },
  'CHARGING.DUPLICATE_NOT_FOUND': { httpStatus: 404, title: 'Possible duplicate not found' },
  'CHARGING.DUPLICATE_ALREADY_DECIDED': { httpStatus: 409, title: 'This possible duplicate has already been decided' },
  'CHARGING.DUPLICATE_LOCATION_FOLDED': { httpStatus: 409, title: 'One of the locations is already merged into another record' },
  'CHARGING.DUPLICATE_NOT_MERGED': { httpStatus: 409, title: 'These locations are not merged' },
  'CHARGING.INVALID_REGISTRATION': { httpStatus: 422, title: 'The charging location has invalid fields' },
  'CHARGING.POINT_OUTSIDE_MEXICO': { httpStatus: 422, title: 'The point is outside Mexico' },
  'CHARGING.POINT_SWAPPED': { httpStatus: 422, title: 'Latitude and longitude look swapped' },
  'CHARGING.IMPLAUSIBLE_POWER': { httpStatus: 422, title: 'A power value is negative or beyond any charger built' },
  'CHARGING.ACCESS_NOT_ALLOWED': { httpStatus: 422, title: 'This access level cannot be registered this way' },
  'CHARGING.NOT_AN_OPERATOR': { httpStatus: 403, title: 'The organisation is not a charge point operator you edit' },
  'CHARGING.LOCATION_READ_ONLY': { httpStatus: 409, title: 'This location comes from a source and cannot be edited here' },
  'CHARGING.STALE_EDIT': { httpStatus: 409, title: 'The location changed since you loaded it' },
  'CHARGING.INVALID_CURSOR': { httpStatus: 400, title: 'The page cursor is not valid' },
  // ocpp: charge points speaking OCPP to the CSMS, and their provisioning
  'OCPP.CHARGE_POINT_NOT_FOUND': { httpStatus: 404, title: 'Charge point not found' },
  'OCPP.IDENTITY_TAKEN': { httpStatus: 409, title: 'A charge point with this identity already exists' },
  'OCPP.INVALID_IDENTITY': { httpStatus: 422, title: 'The charge point identity is not valid' },
  'OCPP.WEAK_PASSWORD': { httpStatus: 422, title: 'The charge point password does not meet the OCPP rules' },
  'OCPP.INVALID_PORTS': { httpStatus: 422, title: 'The port mapping is not valid' },
  'OCPP.LOCATION_NOT_FOUND': { httpStatus: 422, title: 'The charging location to link does not exist' },
  'OCPP.NOT_AN_OPERATOR': { httpStatus: 403, title: 'The organisation is not a charge point operator you edit' },
  'OCPP.NOT_PENDING': { httpStatus: 409, title: 'The charge point is not pending; only pending charge points can be claimed' },
  // ocpi: the OCPI 2.2.1 interface (mapped to OCPI status codes at the /ocpi edge) and its admin API
  'OCPI.UNAUTHENTICATED': { httpStatus: 401, title: 'The OCPI credentials token is missing, unknown or not valid here' },
  'OCPI.INVALID_OBJECT': { httpStatus: 400, title: 'The OCPI object or parameters are not valid' },
  'OCPI.WRONG_PARTY': { httpStatus: 404, title: 'The URL names an OCPI party other than the caller' },
  'OCPI.UNKNOWN_LOCATION': { httpStatus: 404, title: 'Unknown OCPI Location, EVSE or Connector' },
  'OCPI.ALREADY_REGISTERED': { httpStatus: 405, title: 'The OCPI party is already registered' },
  'OCPI.NOT_REGISTERED': { httpStatus: 405, title: 'The OCPI party is not registered' },
  'OCPI.PEER_UNREACHABLE': { httpStatus: 502, title: 'The party’s OCPI platform could not be used' },
  'OCPI.UNSUPPORTED_VERSION': { httpStatus: 502, title: 'The party’s OCPI platform offers no supported version' },
  'OCPI.PARTY_NOT_FOUND': { httpStatus: 404, title: 'OCPI party registration not found' },
  'OCPI.ORGANISATION_WITHOUT_PARTY': { httpStatus: 422, title: 'The organisation is not a charge point operator with an OCPI party' },
  'OCPI.PARTY_ACTIVE': { httpStatus: 409, title: 'The organisation already has a pending or registered OCPI connection' },
  // uptime: 23 CFR 680.116(b) reports and outage exclusions
  'UPTIME.MONTH_NOT_STARTED': { httpStatus: 422, title: 'The month has not begun' },
  'UPTIME.INVALID_EXCLUSION': { httpStatus: 422, title: 'The outage exclusion is not valid' },
  'UPTIME.PORT_NOT_FOUND': { httpStatus: 404, title: 'The location has no such port' },
  'UPTIME.NOT_YOUR_LOCATION': { httpStatus: 403, title: 'Only the location’s operator and admins can record or withdraw its outage exclusions' },
  'UPTIME.EXCLUSION_NOT_FOUND': { httpStatus: 404, title: 'Outage exclusion not found' },
  'UPTIME.EXCLUSION_WITHDRAWN': { httpStatus: 409, title: 'The outage exclusion was already withdrawn' },
  // suppliers: the census and directory of automotive and EV suppliers
  'SUPPLIERS.ESTABLISHMENT_NOT_FOUND': { httpStatus: 404, title: 'Establishment not found' },
  'SUPPLIERS.COMPANY_NOT_FOUND': { httpStatus: 404, title: 'Company not found' },
  'SUPPLIERS.COMPONENT_NOT_FOUND': { httpStatus: 404, title: 'Component not found in the catalogue' },
  'SUPPLIERS.COMPONENT_EXISTS': { httpStatus: 409, title: 'A component with this code already exists' },
  'SUPPLIERS.INVALID_QUERY': { httpStatus: 400, title: 'The search parameters are not valid' },
  'SUPPLIERS.INVALID_CURSOR': { httpStatus: 400, title: 'The page cursor is not valid' },
  'SUPPLIERS.INVALID_RFC': { httpStatus: 422, title: 'The RFC is not valid' },
  'SUPPLIERS.INVALID_REGISTRATION': { httpStatus: 422, title: 'The company or establishment has invalid fields' },
  'SUPPLIERS.POINT_OUTSIDE_MEXICO': { httpStatus: 422, title: 'The point is outside Mexico' },
  'SUPPLIERS.NOT_YOUR_ESTABLISHMENT': { httpStatus: 403, title: 'The establishment is not one your organisation manages' },
  'SUPPLIERS.ESTABLISHMENT_READ_ONLY': { httpStatus: 409, title: 'This establishment comes from a source and cannot be edited here' },
  'SUPPLIERS.STALE_EDIT': { httpStatus: 409, title: 'The establishment changed since you loaded it' },
  'SUPPLIERS.MATCH_NOT_FOUND': { httpStatus: 404, title: 'Possible match not found' },
  'SUPPLIERS.MATCH_ALREADY_DECIDED': { httpStatus: 409, title: 'This possible match has already been decided' },
  'SUPPLIERS.MATCH_NOT_MERGED': { httpStatus: 409, title: 'These establishments are not merged' },
  'SUPPLIERS.ESTABLISHMENT_FOLDED': { httpStatus: 409, title: 'The establishment is already merged into another record' },
  'SUPPLIERS.CLAIM_NOT_FOUND': { httpStatus: 404, title: 'Claim not found' },
  'SUPPLIERS.CLAIM_ALREADY_DECIDED': { httpStatus: 409, title: 'This claim has already been decided' },
  'SUPPLIERS.CLAIM_PENDING': { httpStatus: 409, title: 'Your organisation already has a pending claim on this establishment' },
  'SUPPLIERS.ALREADY_CLAIMED': { httpStatus: 409, title: 'Another organisation already manages this establishment' },
  // skills: taxonomy codes (SKILLS.*) below this line
  'SKILLS.OCCUPATION_NOT_FOUND': { httpStatus: 404, title: 'The taxonomy has no such occupation' },
  'SKILLS.SKILL_NOT_FOUND': { httpStatus: 404, title: 'The taxonomy has no such skill' },
  'SKILLS.INVALID_QUERY': { httpStatus: 400, title: 'The taxonomy search parameters are not valid' },
  'SKILLS.INVALID_ENTRY': { httpStatus: 422, title: 'The occupation, skill or label has invalid fields' },
  'SKILLS.ALREADY_EXISTS': { httpStatus: 409, title: 'The taxonomy already has an entry with this id' },
  'SKILLS.LABEL_EXISTS': { httpStatus: 409, title: 'The entry already has this label' },
  // skills: job board codes (JOBS.*) below this line
  'JOBS.INVALID_VACANCY': { httpStatus: 422, title: 'The vacancy has invalid or missing fields' },
  'JOBS.SALARY_MIN_ABOVE_MAX': { httpStatus: 422, title: 'The salary minimum is above the maximum' },
  'JOBS.UNKNOWN_CURRENCY': { httpStatus: 422, title: 'The currency is not an ISO 4217 code' },
  'JOBS.UNKNOWN_SKILL': { httpStatus: 422, title: 'A skill id is not in the taxonomy' },
  'JOBS.UNKNOWN_OCCUPATION': { httpStatus: 422, title: 'An occupation id is not in the taxonomy' },
  'JOBS.INVALID_PROFILE': { httpStatus: 422, title: 'The candidate profile has invalid fields' },
  'JOBS.INVALID_SAVED_SEARCH': { httpStatus: 422, title: 'The saved search has invalid filters' },
  'JOBS.INVALID_QUERY': { httpStatus: 400, title: 'The search parameters are not valid' },
  'JOBS.VACANCY_NOT_FOUND': { httpStatus: 404, title: 'Vacancy not found' },
  'JOBS.NOT_YOUR_VACANCY': { httpStatus: 403, title: 'The vacancy belongs to an organisation you do not edit' },
  'JOBS.NOT_AN_EDITOR': { httpStatus: 403, title: 'You are not an editor of this organisation' },
  'JOBS.VACANCY_CLOSED': { httpStatus: 409, title: 'The vacancy is closed' },
  'JOBS.PROFILE_REQUIRED': { httpStatus: 409, title: 'Create your candidate profile first' },
  'JOBS.CANDIDATE_NOT_FOUND': { httpStatus: 404, title: 'Candidate not found, or not visible to you' },
  'JOBS.ALREADY_APPLIED': { httpStatus: 409, title: 'You already applied to this vacancy' },
  'JOBS.APPLICATION_NOT_FOUND': { httpStatus: 404, title: 'Application not found' },
  'JOBS.STATUS_NOT_ALLOWED': { httpStatus: 409, title: 'This status change is not allowed to you from the current status' },
  'JOBS.CV_MISSING': { httpStatus: 400, title: 'No CV file was uploaded' },
  'JOBS.CV_TYPE_NOT_ALLOWED': { httpStatus: 415, title: 'The CV must be a PDF or DOCX file' },
  'JOBS.CV_TOO_LARGE': { httpStatus: 413, title: 'The CV file is too large' },
  'JOBS.CV_NOT_FOUND': { httpStatus: 404, title: 'No CV uploaded' },
  'JOBS.SAVED_SEARCH_NOT_FOUND': { httpStatus: 404, title: 'Saved search not found' },
  'JOBS.ALERT_NOT_FOUND': { httpStatus: 404, title: 'Alert not found' },
  'JOBS.OCCUPATION_NOT_FOUND': { httpStatus: 404, title: 'Occupation not found in the taxonomy' },
  // imports: whole-file problems
  'IMPORT.UNKNOWN_KIND': { httpStatus: 400, title: 'Unknown import kind' },
  'IMPORT.FILE_MISSING': { httpStatus: 400, title: 'No file was uploaded' },
  'IMPORT.UNSUPPORTED_FORMAT': { httpStatus: 415, title: 'The file format is not supported for this kind' },
  'IMPORT.EMPTY_FILE': { httpStatus: 422, title: 'The file has no data rows' },
  'IMPORT.BAD_ENCODING': { httpStatus: 422, title: 'The file’s text encoding could not be read' },
  'IMPORT.TRUNCATED': { httpStatus: 422, title: 'The file is truncated or malformed' },
  'IMPORT.MISSING_COLUMNS': { httpStatus: 422, title: 'Required columns are missing' },
  'IMPORT.UNRECOGNISED_STRUCTURE': { httpStatus: 422, title: 'The file’s structure is not one the importer can read' },
  'IMPORT.ALL_ROWS_REJECTED': { httpStatus: 422, title: 'Every row was rejected' },
  'IMPORT.STRICT_REJECTED': { httpStatus: 422, title: 'Rows were rejected and strict mode was asked for' },
  'IMPORT.NOT_FOUND': { httpStatus: 404, title: 'Import not found' },
  // imports: row problems (reported per row, never thrown to HTTP)
  'IMPORT.ROW_REQUIRED_FIELD': { httpStatus: 422, title: 'A required field is empty' },
  'IMPORT.ROW_INVALID_VALUE': { httpStatus: 422, title: 'A field has an invalid value' },
  'IMPORT.ROW_INVALID_CODE': { httpStatus: 422, title: 'A code has the wrong format' },
  'IMPORT.ROW_UNKNOWN_CODE': { httpStatus: 422, title: 'The code is well formed but not in the classification' },
  'IMPORT.ROW_DUPLICATE_KEY': { httpStatus: 422, title: 'The same key appears twice in the file' },
  'IMPORT.ROW_OUTSIDE_MEXICO': { httpStatus: 422, title: 'Coordinates fall outside Mexico' },
  'IMPORT.ROW_OUTSIDE_COVERAGE': { httpStatus: 422, title: 'Coordinates fall outside Mexico and the United States' },
  'IMPORT.ROW_SWAPPED_COORDINATES': { httpStatus: 422, title: 'Latitude and longitude look swapped' },
  'IMPORT.ROW_INVALID_GEOMETRY': { httpStatus: 422, title: 'The geometry is missing or invalid' },
  'IMPORT.ROW_UNKNOWN_REFERENCE': { httpStatus: 422, title: 'The row refers to a record that does not exist' },
  'IMPORT.ROW_OUT_OF_SCOPE': { httpStatus: 422, title: 'The row is outside what this import kind covers' },
  'IMPORT.ROW_WRONG_SOURCE': { httpStatus: 422, title: 'The row is a record of another source; import it with that source’s kind' },
  // live status (read side, manual reports)
  'LIVE.EVSE_NOT_FOUND': { httpStatus: 404, title: 'The location has no such EVSE' },
  'LIVE.STATUS_IN_FUTURE': { httpStatus: 422, title: 'The status change lies in the future' },
} as const satisfies Record<string, { httpStatus: number; title: string }>;

export type ErrorCode = keyof typeof errorCatalogue;

/** The problem+json body (RFC 9457) every API error uses. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  code: ErrorCode;
  detail: string;
  instance?: string;
  errors?: Array<{ path: string; message: string }>;
}

export const problemTypeBase = 'https://electrifica.mx/problems/';
