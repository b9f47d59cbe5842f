import fs from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { AppError } from './platform/errors.js';
import type { ImportRun } from './platform/imports/import.repository.js';

const usage = `Electrifica command line

  npm run cli -- admin create --email <email> --password <password> [--name <display name>]
      Creates an admin account (or makes an existing account admin).

  npm run cli -- import --kind <module.source> <file> [--strict] [--json]
      Imports a file through the import pipeline and prints the report.
      Exits 0 when the import completed, 1 when the file was rejected whole or failed.

  npm run cli -- import kinds
      Lists the import kinds and their columns.

  npm run cli -- reference load
      Loads the shipped reference data (done automatically on start).

  npm run cli -- charging provision --identity <id> --password <pw> [--operator <org id or name>] [--location <location id>]
      Provisions an OCPP charge point (security profiles 1 and 2: basic auth with this password).
      The password has 16 to 40 characters; the identity is the last part of the charge point's
      connection URL (wss://…/ocpp/<id>).

Uses the same database as the server: DATABASE_URL, or the embedded one in DATA_DIR (./data/db).
Stop the server first when using the embedded database: only one process can open it.`;

function fail(message: string, code = 2): never {
  console.error(message);
  process.exit(code);
}

function printReport(run: ImportRun, rejections: Array<{ rowNumber: number; code: string; message: string }>, totalRejections: number) {
  const lines = [
    `Import ${run.id} (${run.kind}) — ${run.status.toUpperCase()}`,
    `File: ${run.filename} (${run.sizeBytes} bytes, sha256 ${run.sha256})`,
    `Rows: ${run.totalRows} read — ${run.newRows} new, ${run.updatedRows} updated, ${run.unchangedRows} unchanged, ${run.rejectedRows} rejected`,
  ];
  if (run.fileError) lines.push(`File rejected: ${run.fileError.code}: ${run.fileError.message}`);
  for (const w of run.warnings) lines.push(`Warning: ${w}`);
  if (rejections.length > 0) {
    lines.push('Rejected rows:');
    for (const r of rejections) lines.push(`  row ${r.rowNumber}: ${r.code}: ${r.message}`);
    if (totalRejections > rejections.length) lines.push(`  … and ${totalRejections - rejections.length} more (use --json for all)`);
  }
  console.log(lines.join('\n'));
}

async function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      email: { type: 'string' },
      password: { type: 'string' },
      name: { type: 'string' },
      kind: { type: 'string' },
      identity: { type: 'string' },
      operator: { type: 'string' },
      location: { type: 'string' },
      strict: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const [command, sub, ...rest] = positionals;
  if (values.help || !command) {
    console.log(usage);
    return;
  }
  let config;
  try {
    config = loadConfig(process.env, { logLevel: process.env.LOG_LEVEL ? (process.env.LOG_LEVEL as never) : 'warn' });
  } catch (error) {
    if (error instanceof ConfigError) fail(`Configuration error: ${error.message}`);
    throw error;
  }
  const electrifica = await createApp(config);
  try {
    if (command === 'admin' && sub === 'create') {
      if (!values.email || !values.password) fail('admin create needs --email and --password.\n\n' + usage);
      const result = await electrifica.services.accounts.createAdmin({ email: values.email, password: values.password, displayName: values.name ?? values.email.split('@')[0]! });
      console.log(result.created ? `Created admin ${result.email} (${result.id}).` : `${result.email} already existed; it is now an admin.`);
      return;
    }
    if (command === 'import' && sub === 'kinds') {
      for (const k of electrifica.services.imports.kinds.list()) {
        console.log(`${k.kind} — ${k.title.en} / ${k.title.es} [${k.formats.join(', ')}]`);
        console.log(`    ${Object.entries(k.columns).map(([n, c]) => `${n}${c.required ? '*' : ''} (${c.aliases.join('|')})`).join('; ')}`);
      }
      return;
    }
    if (command === 'import') {
      const file = sub;
      if (rest.length > 0) fail(`Unexpected arguments: ${rest.join(' ')}\n\n${usage}`);
      if (!values.kind || !file) fail('import needs --kind <module.source> and a file.\n\n' + usage);
      // `npm run cli` runs in the server workspace; a relative path means the directory the user typed it in.
      const filePath = path.resolve(process.env.INIT_CWD ?? process.cwd(), file);
      let content: Buffer;
      try {
        content = await fs.readFile(filePath);
      } catch {
        fail(`Cannot read ${filePath}.`);
      }
      const run = await electrifica.services.imports.runNow({
        kind: values.kind,
        filename: path.basename(file),
        mediaType: null,
        content: new Uint8Array(content),
        strict: values.strict,
        principal: null,
        trusted: true,
        actorLabel: 'cli',
      });
      if (run.kind.startsWith('geo.')) electrifica.services.tiles.invalidate();
      const all = await electrifica.services.imports.listRejections(run.id, { limit: values.json ? 1_000_000 : 20, offset: 0 });
      if (values.json) console.log(JSON.stringify({ ...run, rejections: all.items }, null, 2));
      else printReport(run, all.items, all.total);
      process.exitCode = run.status === 'completed' ? 0 : 1;
      return;
    }
    if (command === 'charging' && sub === 'provision') {
      if (!values.identity || !values.password) fail('charging provision needs --identity and --password.\n\n' + usage);
      const { chargePoints } = electrifica.services;
      const operator = values.operator ? await chargePoints.resolveOrganisation(values.operator) : null;
      const cp = await chargePoints.provisionTrusted(
        { identity: values.identity, password: values.password, operatorOrganisationId: operator?.id ?? null, locationId: values.location ?? null, ports: [] },
        { userId: null, label: 'cli' },
      );
      console.log(`Provisioned charge point ${cp.identity} (${cp.id})${operator ? ` for ${operator.name}` : ''}${cp.locationName ? ` at ${cp.locationName}` : ''}.`);
      console.log(`It connects to ws(s)://<this server>/ocpp/${encodeURIComponent(cp.identity)} with subprotocol ocpp1.6 or ocpp2.0.1 and basic auth.`);
      return;
    }
    if (command === 'reference' && sub === 'load') {
      const results = await electrifica.loadReferenceData();
      for (const r of results) console.log(`${r.kind} ${r.file}: ${r.skipped ? 'already loaded' : r.run?.status}`);
      return;
    }
    fail(`Unknown command "${positionals.join(' ')}".\n\n${usage}`);
  } catch (error) {
    if (error instanceof AppError) fail(`${error.code}: ${error.message}`, 1);
    throw error;
  } finally {
    await electrifica.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
