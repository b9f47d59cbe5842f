import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fs from 'node:fs';
import path from 'node:path';
import type { AppConfig } from './config.js';
import { openDatabase, type DatabaseHandle } from './platform/db/database.js';
import { migrateToLatest } from './platform/db/migrate.js';
import { installAuth } from './platform/http/auth.js';
import { installMetrics } from './platform/http/metrics.js';
import { installProblemHandlers, problemSchema, sendProblem } from './platform/http/problem.js';
import { ImportKindRegistry } from './platform/imports/import-kind.js';
import { createImportRepository } from './platform/imports/import.repository.js';
import { importRoutes } from './platform/imports/import.routes.js';
import { createImportService, importTaskName } from './platform/imports/import.service.js';
import { loadReferenceData } from './platform/imports/reference-data.js';
import { TaskQueue } from './platform/tasks/task-queue.js';
import { createAccountsRepository } from './modules/accounts/accounts.repository.js';
import { accountsRoutes } from './modules/accounts/accounts.routes.js';
import { createAccountsService } from './modules/accounts/accounts.service.js';
import { geoImportKinds } from './modules/geo/import/index.js';
import { createOcmImporter, type OcmReference } from './modules/charging/import/ocm.importer.js';
import { ocpiImporter } from './modules/charging/import/ocpi.importer.js';
import { templateImporter } from './modules/charging/import/template.importer.js';
import { chargingTemplateRoutes } from './modules/charging/charging.template.routes.js';
import { afdcImporter } from './modules/charging/import/afdc.importer.js';
import { createChargingRepository } from './modules/charging/charging.repository.js';
import { chargingRoutes } from './modules/charging/charging.routes.js';
import { createChargingService } from './modules/charging/charging.service.js';
import { createClusterService } from './modules/charging/charging.clusters.js';
import { createRegistrationRepository } from './modules/charging/charging.registration.repository.js';
import { registrationRoutes } from './modules/charging/charging.registration.routes.js';
import { createRegistrationService } from './modules/charging/charging.registration.service.js';
import { createDuplicatesRepository } from './modules/charging/charging.duplicates.repository.js';
import { duplicatesRoutes } from './modules/charging/charging.duplicates.routes.js';
import { createDuplicatesService } from './modules/charging/charging.duplicates.service.js';
import { createGeoRepository } from './modules/geo/geo.repository.js';
import { geoRoutes, tileRoutes } from './modules/geo/geo.routes.js';
import { createGeoService } from './modules/geo/geo.service.js';
import { createTileService } from './modules/geo/geo.tiles.js';
// --- OCPP CSMS and charge point provisioning (modules/live/ocpp, modules/live/charge-points.*) ---
import { createChargePointsRepository } from './modules/live/charge-points.repository.js';
import { chargePointRoutes } from './modules/live/charge-points.routes.js';
import { createChargePointsService } from './modules/live/charge-points.service.js';
import { createOcppRepository } from './modules/live/ocpp/ocpp.repository.js';
import { createCsms } from './modules/live/ocpp/ocpp.server.js';
// --- end OCPP ---
// --- uptime, 23 CFR 680.116(b) (modules/live/uptime) ---
import { createUptimeRepository } from './modules/live/uptime/uptime.repository.js';
import { uptimeRoutes } from './modules/live/uptime/uptime.routes.js';
import { createUptimeService } from './modules/live/uptime/uptime.service.js';
// --- end uptime ---
// live status: read side (map, location pages, maintenance, national table) and manual reports
import { createLiveRepository } from './modules/live/live.repository.js';
import { liveRoutes } from './modules/live/live.routes.js';
import { createLiveService } from './modules/live/live.service.js';
// --- OCPI 2.2.1 (modules/live/ocpi) ---
import { createOcpiPeerClient } from './modules/live/ocpi/ocpi.client.js';
import { createOcpiRepository } from './modules/live/ocpi/ocpi.repository.js';
import { ocpiAdminRoutes, ocpiRoutes } from './modules/live/ocpi/ocpi.routes.js';
import { createOcpiService } from './modules/live/ocpi/ocpi.service.js';
// --- end OCPI ---
// suppliers census and directory (modules/suppliers)
import { createSupplierImportKinds, loadScian, scianCataloguePath } from './modules/suppliers/import/index.js';
import { seedComponentCatalogue } from './modules/suppliers/suppliers.catalogue.js';
import { supplierClaimsRoutes } from './modules/suppliers/suppliers.claims.routes.js';
import { createSupplierClaimsService } from './modules/suppliers/suppliers.claims.service.js';
import { createSupplierClusterService } from './modules/suppliers/suppliers.clusters.js';
import { matchesRoutes } from './modules/suppliers/suppliers.matches.routes.js';
import { createMatchesService } from './modules/suppliers/suppliers.matches.service.js';
import { matchEstablishments } from './modules/suppliers/suppliers.matching.js';
import { createMatchingRepository } from './modules/suppliers/suppliers.matching.repository.js';
import { createSupplierRegistrationRepository } from './modules/suppliers/suppliers.registration.repository.js';
import { supplierRegistrationRoutes } from './modules/suppliers/suppliers.registration.routes.js';
import { createSupplierRegistrationService } from './modules/suppliers/suppliers.registration.service.js';
import { createSuppliersRepository } from './modules/suppliers/suppliers.repository.js';
import { suppliersRoutes } from './modules/suppliers/suppliers.routes.js';
import { createSuppliersService } from './modules/suppliers/suppliers.service.js';
import { suppliersTemplateRoutes } from './modules/suppliers/suppliers.template.routes.js';
// skills: taxonomy, job board, demand, training and gaps (modules/skills)
import { taxonomyRoutes } from './modules/skills/taxonomy/taxonomy.routes.js';
import { loadSkillsTaxonomy } from './modules/skills/taxonomy/taxonomy.seed.js';
import { createTaxonomyService } from './modules/skills/taxonomy/taxonomy.service.js';
import { createDemandRepository } from './modules/skills/demand/demand.repository.js';
import { demandRoutes } from './modules/skills/demand/demand.routes.js';
import { createDemandService } from './modules/skills/demand/demand.service.js';
import { createGapsRepository } from './modules/skills/gaps/gaps.repository.js';
import { gapsRoutes } from './modules/skills/gaps/gaps.routes.js';
import { createGapsService } from './modules/skills/gaps/gaps.service.js';
import { createTrainingRepository } from './modules/skills/training/training.repository.js';
import { trainingRoutes } from './modules/skills/training/training.routes.js';
import { createTrainingService } from './modules/skills/training/training.service.js';
import { createJobsRepository } from './modules/skills/jobs/jobs.repository.js';
import { jobsRoutes } from './modules/skills/jobs/jobs.routes.js';
import { createJobsService } from './modules/skills/jobs/jobs.service.js';

export interface AppDeps {
  /** An already open database (tests share one per worker). */
  database?: DatabaseHandle;
}

/**
 * The composition root: opens the database, runs migrations, wires repositories into
 * services and services into routes. Nothing here listens; `main.ts` does.
 */
export async function createApp(config: AppConfig, deps: AppDeps = {}) {
  const database = deps.database ?? (await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir }));
  const { db } = database;
  await migrateToLatest(db);
  // The shipped EV component catalogue, added where missing (curated rows are kept).
  await seedComponentCatalogue(db);

  const app: FastifyInstance = Fastify({
    logger: config.logLevel === 'silent' ? false : { level: config.logLevel },
    trustProxy: config.trustProxy,
    bodyLimit: 1024 * 1024,
    ajv: { customOptions: { coerceTypes: 'array', removeAdditional: false, useDefaults: true, allErrors: true } },
  });

  const accounts = createAccountsService({ db, repository: createAccountsRepository(db), sessionTtlHours: config.sessionTtlHours });
  const geoRepository = createGeoRepository(db);
  const geo = createGeoService(geoRepository);
  const tiles = createTileService(geoRepository);
  const chargingRepository = createChargingRepository(db);
  const charging = createChargingService({ db, repository: chargingRepository, clusters: createClusterService(chargingRepository) });
  const registrations = createRegistrationService({ db, repository: createRegistrationRepository(db), checkPoints: geo.checkPoints });
  const duplicates = createDuplicatesService({ db, repository: createDuplicatesRepository(), guard: accounts });
  // Suppliers: one SCIAN catalogue checks the codes of importers, registrations and the directory.
  const scian = loadScian(path.join(config.referenceDataDir, scianCataloguePath));
  const supplierMatches = createMatchesService({ db, repository: createMatchingRepository(), guard: accounts });
  const supplierRegistrationRepository = createSupplierRegistrationRepository(db);
  const supplierOrganisations = createAccountsRepository(db);
  const supplierRegistrations = createSupplierRegistrationService({
    db, repository: supplierRegistrationRepository, organisations: supplierOrganisations, checkPoints: geo.checkPoints, scian,
  });
  const supplierClaims = createSupplierClaimsService({ db, repository: supplierRegistrationRepository, organisations: supplierOrganisations });
  const suppliersRepository = createSuppliersRepository(db);
  const suppliers = createSuppliersService({
    db, repository: suppliersRepository, clusters: createSupplierClusterService(suppliersRepository), scian,
  });
  // skills (modules/skills)
  const skillsTaxonomy = createTaxonomyService({ db });
  const skillsDemand = createDemandService({ db, repository: createDemandRepository(db) });
  const skillsTraining = createTrainingService({ db, repository: createTrainingRepository(db) });
  const skillsGaps = createGapsService({ db, repository: createGapsRepository(db) });
  const jobs = createJobsService({ db, repository: createJobsRepository(db), scian });
  // --- uptime ---
  const uptime = createUptimeService({ db, repository: createUptimeRepository(db) });
  // --- end uptime ---
  // live status: read side
  const live = createLiveService({ db, repository: createLiveRepository(db) });

  // --- OCPI 2.2.1 ---
  const ocpi = createOcpiService({
    db, repository: createOcpiRepository(db), peer: createOcpiPeerClient(), guard: accounts,
    resolveApiToken: (token) => accounts.resolveApiToken(token), checkPoints: geo.checkPoints,
    self: { countryCode: config.ocpiCountryCode, partyId: config.ocpiPartyId },
  });
  // --- end OCPI ---

  const queue = new TaskQueue(db, {
    info: (obj, msg) => app.log.info(obj, msg),
    error: (obj, msg) => app.log.error(obj, msg),
  });
  const kinds = new ImportKindRegistry();
  for (const kind of geoImportKinds) kinds.register(kind);
  const ocmReference = JSON.parse(fs.readFileSync(path.join(config.referenceDataDir, 'charging/ocm-reference.json'), 'utf8')) as OcmReference;
  kinds.register(createOcmImporter(ocmReference));
  kinds.register(ocpiImporter);
  kinds.register(templateImporter);
  kinds.register(afdcImporter);
  // Every supplier import ends by matching what it created or changed against the other sources.
  for (const kind of createSupplierImportKinds({ scian, match: matchEstablishments })) kinds.register(kind);
  const imports = createImportService({
    db,
    repository: createImportRepository(db),
    kinds,
    enqueue: async (runId) => {
      await queue.enqueue(importTaskName, { runId });
    },
    checkAndPlacePoints: geo.checkAndPlacePoints,
  });

  const metrics = installMetrics(app);
  // --- OCPP CSMS: /ocpp/{identity} upgrades on the app's server (and a wss server for profile 2) ---
  const csms = createCsms({
    repository: createOcppRepository(db), log: app.log, registry: metrics.registry,
    settings: {
      heartbeatIntervalS: config.ocppHeartbeatIntervalS, offlineAfterS: config.ocppOfflineAfterS, unknownChargePoints: config.ocppUnknownChargePoints,
      maxMessageBytes: config.ocppMaxMessageBytes, maxMessagesPerMinute: config.ocppMaxMessagesPerMinute, flushIntervalMs: config.ocppFlushIntervalMs,
      tls: config.ocppTls, host: config.host,
    },
  });
  const chargePoints = createChargePointsService({ db, repository: createChargePointsRepository(db), onChange: (identity, options) => csms.invalidate(identity, options) });
  // Before accepting connections; starts with listening (the CLI never listens); stops before the database closes.
  app.addHook('onReady', async () => csms.prepare(app.server));
  app.addHook('onListen', async () => {
    await csms.start().catch((err) => app.log.error({ err }, 'OCPP: the CSMS did not start'));
  });
  app.addHook('preClose', async () => csms.close());
  // --- end OCPP ---
  queue.register(importTaskName, async (payload) => {
    const run = await imports.execute(String(payload.runId));
    metrics.imports.inc({ kind: run.kind, status: run.status });
    if (run.kind.startsWith('geo.')) tiles.invalidate();
  });

  app.addSchema(problemSchema);
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        // MapLibre runs its workers from blob: URLs; a configured basemap may live elsewhere.
        workerSrc: ["'self'", 'blob:'],
        childSrc: ["'self'", 'blob:'],
        imgSrc: ["'self'", 'data:', 'blob:', ...(config.basemapStyleUrl ? ['https:'] : [])],
        connectSrc: ["'self'", ...(config.basemapStyleUrl ? ['https:'] : [])],
        styleSrc: ["'self'", "'unsafe-inline'"],
        scriptSrc: ["'self'"],
        fontSrc: ["'self'", 'data:', ...(config.basemapStyleUrl ? ['https:'] : [])],
        // Only ask browsers to upgrade to HTTPS when we are served over HTTPS.
        upgradeInsecureRequests: config.cookieSecure ? [] : null,
      },
    },
    crossOriginEmbedderPolicy: false,
    hsts: config.cookieSecure,
  });
  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: config.maxUploadBytes, files: 1, fields: 10 } });
  // After authentication (preHandler), so that API-token callers get their own, larger budget
  // per user (the high-volume tier); everyone else is counted per client IP.
  await app.register(rateLimit, {
    hook: 'preHandler',
    max: (request) => (request.principal?.via === 'token' ? config.apiKeyRateLimitPerMinute : config.rateLimitPerMinute),
    keyGenerator: (request) => (request.principal?.via === 'token' ? `token-user:${request.principal.userId}` : request.ip),
    timeWindow: '1 minute',
    allowList: (request) => !request.url.startsWith('/api/'),
    errorResponseBuilder: (_request, context) => ({
      statusCode: 429,
      message: `Rate limit of ${context.max} requests per ${context.after} exceeded; retry later.`,
    }),
  });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Electrifica API',
        version: config.version,
        description: 'The public and member API of Electrifica. Errors are RFC 9457 problem+json with a stable `code`. Lists return `{ items, total }` and take `limit`/`offset`.',
      },
      servers: [{ url: '/' }],
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'electrifica_session' },
          token: { type: 'http', scheme: 'bearer', description: 'API token created in your account page (elf_…)' },
        },
      },
      security: [{ session: [] }, { token: [] }, {}],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  installProblemHandlers(app);
  installAuth(app, accounts);

  app.get('/api/health', { schema: { tags: ['platform'], summary: 'Liveness and database status' } }, async (_request, reply) => {
    const up = await database.ping();
    return reply.status(up ? 200 : 503).send({ status: up ? 'ok' : 'degraded', version: config.version, database: { status: up ? 'up' : 'down', dialect: database.dialect } });
  });

  await app.register(async (v1) => {
    v1.get('/config', { schema: { tags: ['platform'], summary: 'Settings the web app needs' } }, async () => ({
      basemapStyleUrl: config.basemapStyleUrl,
      version: config.version,
    }));
    await v1.register(geoRoutes(geo));
    await v1.register(accountsRoutes(accounts, config));
    await v1.register(importRoutes(imports, config.maxUploadBytes));
    await v1.register(chargingRoutes(charging));
    await v1.register(chargingTemplateRoutes());
    await v1.register(registrationRoutes(registrations));
    await v1.register(duplicatesRoutes(duplicates));
    // suppliers: matching queue between sources (moderators and admins)
    await v1.register(matchesRoutes(supplierMatches));
    // suppliers: self-registration, own plants and claims
    await v1.register(supplierRegistrationRoutes(supplierRegistrations));
    await v1.register(supplierClaimsRoutes(supplierClaims));
    // suppliers: directory, catalogue, coverage, exports, map
    await v1.register(suppliersRoutes(suppliers));
    // suppliers: the template chambers and states fill in
    await v1.register(suppliersTemplateRoutes());
    // skills: taxonomy, job board, demand, training, gaps
    await v1.register(taxonomyRoutes(skillsTaxonomy));
    await v1.register(demandRoutes(skillsDemand));
    await v1.register(trainingRoutes(skillsTraining));
    await v1.register(gapsRoutes(skillsGaps));
    await v1.register(jobsRoutes(jobs));
    // OCPP charge point provisioning
    await v1.register(chargePointRoutes(chargePoints));
    // uptime per 23 CFR 680.116(b) and outage exclusions
    await v1.register(uptimeRoutes(uptime));
    // live status: read side
    await v1.register(liveRoutes(live));
    // OCPI 2.2.1: admins register operators' platforms
    await v1.register(ocpiAdminRoutes(ocpi, { publicBaseUrl: config.publicBaseUrl }));
  }, { prefix: '/api/v1' });
  // OCPI 2.2.1 edge (versions, credentials, Locations sender and receiver): OCPI envelopes, own token auth
  await app.register(ocpiRoutes(ocpi, { publicBaseUrl: config.publicBaseUrl }), { prefix: '/ocpi' });
  await app.register(tileRoutes(tiles));

  const indexHtml = path.join(config.webDistDir, 'index.html');
  if (fs.existsSync(indexHtml)) {
    await app.register(fastifyStatic, { root: config.webDistDir, wildcard: false, index: false });
  }
  app.setNotFoundHandler((request, reply) => {
    const isApi = request.url.startsWith('/api/') || request.url.startsWith('/tiles/') || request.url.startsWith('/metrics');
    if (!isApi && request.method === 'GET' && fs.existsSync(indexHtml)) {
      // The web app routes on the client: every other GET gets its shell.
      return reply.type('text/html').send(fs.createReadStream(indexHtml));
    }
    return sendProblem(reply, request, 'PLATFORM.NOT_FOUND', `No route for ${request.method} ${request.url.split('?')[0]}.`);
  });

  return {
    app,
    database,
    queue,
    services: { accounts, geo, imports, tiles, charging, duplicates, registrations, live, ocpi, uptime, chargePoints, csms, supplierMatches, supplierRegistrations, supplierClaims },
    // The skills taxonomy loads after the pipeline's files, set-based (skipped when its files are unchanged).
    loadReferenceData: () =>
      loadReferenceData({ db, imports, log: (m) => app.log.info(m) }, config.referenceDataDir)
        .then(async (results) => {
          await loadSkillsTaxonomy(db, config.referenceDataDir, { log: (m) => app.log.info(m) });
          return results;
        })
        .finally(() => tiles.invalidate()),
    async close() {
      await queue.stop();
      await app.close();
      if (!deps.database) await database.close();
    },
  };
}

export type ElectrificaApp = Awaited<ReturnType<typeof createApp>>;
