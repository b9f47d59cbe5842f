/**
 * Generates `generated/ocpp16.ts` and `generated/ocpp201.ts`: TypeScript types for the
 * OCPP messages the CSMS handles, from the official JSON schemas that ocpp-rpc ships (the
 * same schemas the transport validates every call and answer against). Run after upgrading
 * ocpp-rpc:
 *
 *   npm run generate:ocpp-types -w @electrifica/server
 *
 * Each version's schemas are folded into one document (their `definitions` merged; a name
 * defined twice with different content stops the generator), so shared types such as
 * 2.0.1's `IdTokenType` are declared once.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { compile, type JSONSchema } from 'json-schema-to-typescript';
import { handledActions, type OcppProtocol } from './ocpp.domain.js';

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));
const rpcPackage = require('ocpp-rpc/package.json') as { version: string };
const sources: Record<OcppProtocol, { file: string; out: string }> = {
  'ocpp1.6': { file: 'ocpp1_6.json', out: 'ocpp16.ts' },
  'ocpp2.0.1': { file: 'ocpp2_0_1.json', out: 'ocpp201.ts' },
};

type Schema = JSONSchema & { $id: string; definitions?: Record<string, JSONSchema> };

async function generate(protocol: OcppProtocol) {
  const { file, out } = sources[protocol];
  const schemaPath = require.resolve(`ocpp-rpc/lib/schemas/${file}`);
  const schemas = JSON.parse(fs.readFileSync(schemaPath, 'utf8')) as Schema[];
  const definitions: Record<string, JSONSchema> = {};
  const root: Record<string, JSONSchema> = {};
  for (const action of handledActions[protocol]) {
    for (const [suffix, name] of [['req', 'Request'], ['conf', 'Response']] as const) {
      const schema = schemas.find((s) => s.$id === `urn:${action}.${suffix}`);
      if (!schema) throw new Error(`${file} has no schema urn:${action}.${suffix}`);
      const { definitions: defs = {}, $id: _id, $schema: _schema, ...body } = schema;
      for (const [key, def] of Object.entries(defs)) {
        if (definitions[key] && JSON.stringify(definitions[key]) !== JSON.stringify(def)) {
          throw new Error(`${file}: definition ${key} differs between messages; generate them apart`);
        }
        definitions[key] = def;
      }
      root[`${action}${name}`] = { ...body, title: `${action}${name}` };
    }
  }
  const ts = await compile({ title: 'OcppMessages', type: 'object', additionalProperties: false, definitions: { ...definitions, ...root } } as JSONSchema, 'OcppMessages', {
    bannerComment: [
      '/**',
      ` * GENERATED — do not edit. OCPP ${protocol.slice(4)} message types for the actions the CSMS handles,`,
      ` * compiled by json-schema-to-typescript from ocpp-rpc ${rpcPackage.version}'s lib/schemas/${file}`,
      ' * (the official OCPP JSON schemas). Regenerate: npm run generate:ocpp-types -w @electrifica/server',
      ' */',
    ].join('\n'),
    unreachableDefinitions: true,
    additionalProperties: false,
    strictIndexSignatures: true,
    format: true,
    style: { singleQuote: true, printWidth: 140 },
  });
  // The root wrapper has no properties of its own; drop its empty interface.
  const cleaned = ts.replace(/export interface OcppMessages \{\s*\}\n/, '').replaceAll("`OcppMessages`'s", 'the');
  fs.writeFileSync(path.join(here, 'generated', out), cleaned);
  console.log(`wrote generated/${out}`);
}

for (const protocol of Object.keys(sources) as OcppProtocol[]) await generate(protocol);
