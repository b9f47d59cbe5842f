import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

export interface AppConfig {
  readonly port: number;
  readonly host: string;
  /** `postgres://…` selects a PostgreSQL server; absent selects embedded PGlite in `dataDir`. */
  readonly databaseUrl: string | null;
  /** Folder of the embedded database; `memory://` keeps it in memory (tests). */
  readonly dataDir: string;
  readonly referenceDataDir: string;
  /** Load the shipped reference data (geography, population) when the database has none. */
  readonly loadReferenceData: boolean;
  readonly webDistDir: string;
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Mark session cookies `Secure`; on by default, off only for plain-http local use. */
  readonly cookieSecure: boolean;
  readonly sessionTtlHours: number;
  /** API requests per minute for anonymous and session callers, per client IP. */
  readonly rateLimitPerMinute: number;
  /** API requests per minute for callers with an API token (high-volume use), per user. */
  readonly apiKeyRateLimitPerMinute: number;
  readonly maxUploadBytes: number;
  readonly basemapStyleUrl: string | null;
  readonly trustProxy: boolean;
  /** Run the background task worker in this process. */
  readonly runWorker: boolean;
  readonly version: string;
  // --- OCPP CSMS (modules/live/ocpp) ---
  /** Heartbeat interval told to charge points in BootNotification, seconds. */
  readonly ocppHeartbeatIntervalS: number;
  /** A charge point not heard from for this long is offline; default 3 heartbeat intervals. */
  readonly ocppOfflineAfterS: number;
  /** Connections from identities nobody provisioned: refused, or held as pending for an admin to claim. */
  readonly ocppUnknownChargePoints: 'reject' | 'pending';
  /** Larger WebSocket frames close the connection with 1009. */
  readonly ocppMaxMessageBytes: number;
  /** Per connection; beyond it calls are answered SecurityError (see the live module README). */
  readonly ocppMaxMessagesPerMinute: number;
  /** Group commit: how long the first queued message waits for others before its transaction, ms. */
  readonly ocppFlushIntervalMs: number;
  /** Security profile 2: an HTTPS server on this port serving only /ocpp/* (wss). All three or none. */
  readonly ocppTls: { port: number; certFile: string; keyFile: string } | null;
  // --- OCPI 2.2.1 (modules/live/ocpi) ---
  /** Where Electrifica is reached from outside (`https://electrifica.mx`): OCPI URLs are absolute. Null: taken from each request. */
  readonly publicBaseUrl: string | null;
  /** Electrifica's own OCPI party (role NAP) in the credentials it hands out. */
  readonly ocpiCountryCode: string;
  readonly ocpiPartyId: string;
}

export class ConfigError extends Error {}

type Env = Record<string, string | undefined>;

function intVar(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be an integer between ${min} and ${max}; got "${raw}"`);
  }
  return value;
}

function boolVar(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name]?.trim().toLowerCase();
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
  if (['0', 'false', 'no', 'off'].includes(raw)) return false;
  throw new ConfigError(`${name} must be true or false; got "${env[name]}"`);
}

const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** Parses the environment once; the result is frozen. A bad variable is named here, at start-up. */
export function loadConfig(env: Env = process.env, overrides: Partial<AppConfig> = {}): AppConfig {
  const databaseUrl = env.DATABASE_URL?.trim() || null;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError(`DATABASE_URL must start with postgres:// or postgresql://; got "${databaseUrl}"`);
  }
  const logLevel = (env.LOG_LEVEL ?? 'info') as AppConfig['logLevel'];
  if (!logLevels.includes(logLevel)) {
    throw new ConfigError(`LOG_LEVEL must be one of ${logLevels.join(', ')}; got "${env.LOG_LEVEL}"`);
  }
  const basemapStyleUrl = env.BASEMAP_STYLE_URL?.trim() || null;
  if (basemapStyleUrl && !/^https?:\/\//.test(basemapStyleUrl)) {
    throw new ConfigError(`BASEMAP_STYLE_URL must be an http(s) URL; got "${basemapStyleUrl}"`);
  }
  const config: AppConfig = {
    port: intVar(env, 'PORT', 3000, 0, 65535),
    host: env.HOST?.trim() || '0.0.0.0',
    databaseUrl,
    dataDir: env.DATA_DIR?.trim() || path.join(repoRoot, 'data/db'),
    referenceDataDir: env.REFERENCE_DATA_DIR?.trim() || path.join(repoRoot, 'data/reference'),
    loadReferenceData: boolVar(env, 'LOAD_REFERENCE_DATA', true),
    webDistDir: env.WEB_DIST_DIR?.trim() || path.join(repoRoot, 'apps/web/dist'),
    logLevel,
    cookieSecure: boolVar(env, 'COOKIE_SECURE', env.NODE_ENV === 'production'),
    sessionTtlHours: intVar(env, 'SESSION_TTL_HOURS', 24 * 14, 1, 24 * 365),
    rateLimitPerMinute: intVar(env, 'RATE_LIMIT_PER_MINUTE', 600, 1, 1_000_000),
    apiKeyRateLimitPerMinute: intVar(env, 'API_KEY_RATE_LIMIT_PER_MINUTE', 12_000, 1, 10_000_000),
    maxUploadBytes: intVar(env, 'MAX_UPLOAD_MB', 100, 1, 2048) * 1024 * 1024,
    basemapStyleUrl,
    trustProxy: boolVar(env, 'TRUST_PROXY', false),
    runWorker: boolVar(env, 'RUN_WORKER', true),
    version: env.npm_package_version ?? '0.1.0',
    ...ocppSettings(env),
    ...ocpiSettings(env),
    ...overrides,
  };
  return Object.freeze(config);
}

/** OCPP CSMS settings (modules/live/ocpp). */
function ocppSettings(env: Env) {
  const heartbeat = intVar(env, 'OCPP_HEARTBEAT_INTERVAL_S', 60, 5, 86_400);
  const unknown = env.OCPP_UNKNOWN_CHARGE_POINTS?.trim() || 'reject';
  if (unknown !== 'reject' && unknown !== 'pending') {
    throw new ConfigError(`OCPP_UNKNOWN_CHARGE_POINTS must be reject or pending; got "${unknown}"`);
  }
  const tlsVars = ['OCPP_TLS_PORT', 'OCPP_TLS_CERT_FILE', 'OCPP_TLS_KEY_FILE'] as const;
  const tlsSet = tlsVars.filter((name) => env[name]?.trim());
  if (tlsSet.length > 0 && tlsSet.length < tlsVars.length) {
    throw new ConfigError(`Security profile 2 needs all of ${tlsVars.join(', ')}; missing ${tlsVars.filter((n) => !tlsSet.includes(n)).join(', ')}`);
  }
  return {
    ocppHeartbeatIntervalS: heartbeat,
    ocppOfflineAfterS: intVar(env, 'OCPP_OFFLINE_AFTER_S', 3 * heartbeat, 10, 7 * 86_400),
    ocppUnknownChargePoints: unknown as 'reject' | 'pending',
    ocppMaxMessageBytes: intVar(env, 'OCPP_MAX_MESSAGE_BYTES', 64 * 1024, 1024, 16 * 1024 * 1024),
    ocppMaxMessagesPerMinute: intVar(env, 'OCPP_MAX_MESSAGES_PER_MINUTE', 600, 1, 1_000_000),
    ocppFlushIntervalMs: intVar(env, 'OCPP_FLUSH_INTERVAL_MS', 5, 0, 1000),
    ocppTls: tlsSet.length === tlsVars.length
      ? { port: intVar(env, 'OCPP_TLS_PORT', 0, 0, 65535), certFile: env.OCPP_TLS_CERT_FILE!.trim(), keyFile: env.OCPP_TLS_KEY_FILE!.trim() }
      : null,
  };
}

/** OCPI settings (modules/live/ocpi). */
function ocpiSettings(env: Env) {
  const publicBaseUrl = env.PUBLIC_BASE_URL?.trim().replace(/\/+$/, '') || null;
  if (publicBaseUrl && !/^https?:\/\/[^/]+(\/.*)?$/.test(publicBaseUrl)) {
    throw new ConfigError(`PUBLIC_BASE_URL must be an http(s) URL such as https://electrifica.mx; got "${publicBaseUrl}"`);
  }
  const countryCode = (env.OCPI_COUNTRY_CODE?.trim() || 'MX').toUpperCase();
  if (!/^[A-Z]{2}$/.test(countryCode)) throw new ConfigError(`OCPI_COUNTRY_CODE must be an ISO 3166-1 alpha-2 code; got "${env.OCPI_COUNTRY_CODE}"`);
  const partyId = (env.OCPI_PARTY_ID?.trim() || 'ELF').toUpperCase();
  if (!/^[A-Z0-9]{3}$/.test(partyId)) throw new ConfigError(`OCPI_PARTY_ID must be 3 letters or digits; got "${env.OCPI_PARTY_ID}"`);
  return { publicBaseUrl, ocpiCountryCode: countryCode, ocpiPartyId: partyId };
}

export { repoRoot };
