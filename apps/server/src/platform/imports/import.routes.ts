import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { AppError } from '../errors.js';
import { Nullable, Page, Problem } from '../http/schemas.js';
import type { ImportService } from './import.service.js';
import { hasRole } from '../../modules/accounts/accounts.domain.js';

const tags = ['imports'];
export const ImportRunSchema = Type.Object({
  id: Type.String(), kind: Type.String(), status: Type.String(), strict: Type.Boolean(), filename: Type.String(), sha256: Type.String(), sizeBytes: Type.Integer(),
  createdByLabel: Type.String(), createdAt: Type.String(), startedAt: Nullable(Type.String()), finishedAt: Nullable(Type.String()),
  totalRows: Type.Integer(), processedRows: Type.Integer(), newRows: Type.Integer(), updatedRows: Type.Integer(), unchangedRows: Type.Integer(), rejectedRows: Type.Integer(),
  fileError: Nullable(Type.Object({ code: Type.String(), message: Type.String() })), warnings: Type.Array(Type.String()),
});
const Id = Type.Object({ id: Type.String({ format: 'uuid' }) });
const Localized = Type.Object({ es: Type.String(), en: Type.String() });

export function importRoutes(imports: ImportService, maxUploadBytes: number) {
  return async (app: FastifyInstance) => {
    app.get('/imports/kinds', {
      schema: {
        tags, summary: 'What can be imported: kinds, formats and columns',
        response: {
          200: Type.Object({
            items: Type.Array(Type.Object({
              kind: Type.String(), module: Type.String(), title: Localized, description: Localized, formats: Type.Array(Type.String()), requiredRole: Type.String(),
              columns: Type.Array(Type.Object({ name: Type.String(), required: Type.Boolean(), aliases: Type.Array(Type.String()) })),
            })),
          }),
        },
      },
    }, async () => ({
      items: imports.kinds.list().map((k) => ({
        kind: k.kind, module: k.module, title: k.title, description: k.description, formats: k.formats, requiredRole: k.requiredRole,
        columns: Object.entries(k.columns).map(([name, c]) => ({ name, required: c.required, aliases: c.aliases })),
      })),
    }));

    app.post('/imports', {
      schema: {
        tags, summary: 'Upload a file to import (multipart: kind, strict, file)', consumes: ['multipart/form-data'],
        response: { 202: ImportRunSchema, 400: Problem, 401: Problem, 403: Problem, 413: Problem, 415: Problem },
      },
    }, async (request, reply) => {
      if (!request.principal) throw new AppError('ACCOUNTS.UNAUTHENTICATED', 'Sign in or use an API token to import files.');
      if (!request.isMultipart()) throw new AppError('IMPORT.FILE_MISSING', 'Send multipart/form-data with fields "kind", optional "strict", and the file in "file".');
      const fields: Record<string, string> = {};
      let file: { filename: string; mimetype: string; content: Buffer } | null = null;
      for await (const part of request.parts({ limits: { fileSize: maxUploadBytes, files: 1 } })) {
        if (part.type === 'file') {
          const content = await part.toBuffer();
          file = { filename: part.filename || 'upload', mimetype: part.mimetype, content };
        } else {
          fields[part.fieldname] = String(part.value);
        }
      }
      if (!fields.kind) throw new AppError('PLATFORM.VALIDATION_FAILED', 'The "kind" field is missing (e.g. geo.localities); see GET /api/v1/imports/kinds.', [{ path: '/kind', message: 'required' }]);
      if (!file || file.content.byteLength === 0) throw new AppError('IMPORT.FILE_MISSING', 'No file (or an empty one) was uploaded in the "file" field.');
      const run = await imports.submit({
        kind: fields.kind,
        filename: file.filename,
        mediaType: file.mimetype,
        content: new Uint8Array(file.content),
        strict: ['true', '1', 'on', 'yes'].includes((fields.strict ?? '').toLowerCase()),
        principal: request.principal,
      });
      return reply.status(202).header('location', `/api/v1/imports/${run.id}`).send(run);
    });

    app.get('/imports', {
      schema: { tags, summary: 'Recent imports (yours; all for admins)', querystring: Page, response: { 200: Type.Object({ items: Type.Array(ImportRunSchema), total: Type.Integer() }) } },
    }, async (request) => {
      if (!request.principal) throw new AppError('ACCOUNTS.UNAUTHENTICATED', 'Sign in to see imports.');
      const { limit, offset } = request.query as { limit: number; offset: number };
      return imports.listRuns({ ...(hasRole(request.principal, 'admin') ? {} : { createdBy: request.principal.userId }), limit, offset });
    });

    app.get('/imports/:id', {
      schema: { tags, summary: 'Status, progress and report of an import', params: Id, response: { 200: ImportRunSchema, 404: Problem } },
    }, async (request) => {
      const run = await imports.findRun((request.params as { id: string }).id);
      if (!run || !canSee(request.principal, run.createdBy)) throw new AppError('IMPORT.NOT_FOUND', 'There is no import with this id that you can see.');
      return run;
    });

    app.get('/imports/:id/rejections', {
      schema: {
        tags, summary: 'Rejected rows with their reasons', params: Id, querystring: Page,
        response: { 200: Type.Object({ items: Type.Array(Type.Object({ rowNumber: Type.Integer(), code: Type.String(), message: Type.String(), raw: Type.Unknown() })), total: Type.Integer() }), 404: Problem },
      },
    }, async (request) => {
      const { id } = request.params as { id: string };
      const run = await imports.findRun(id);
      if (!run || !canSee(request.principal, run.createdBy)) throw new AppError('IMPORT.NOT_FOUND', 'There is no import with this id that you can see.');
      return imports.listRejections(id, request.query as { limit: number; offset: number });
    });
  };
}

function canSee(principal: { userId: string; role: string } | null, createdBy: string | null) {
  if (!principal) return false;
  return principal.role === 'admin' || principal.role === 'moderator' || principal.userId === createdBy;
}
