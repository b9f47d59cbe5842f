import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { errorCatalogue, problemTypeBase, type ErrorCode, type ProblemDetails } from '@electrifica/contracts';
import { AppError } from '../errors.js';

export function sendProblem(reply: FastifyReply, request: FastifyRequest, code: ErrorCode, detail: string, errors?: ProblemDetails['errors']) {
  const entry = errorCatalogue[code];
  const body: ProblemDetails = {
    type: `${problemTypeBase}${code.toLowerCase().replace(/[._]/g, '-')}`,
    title: entry.title,
    status: entry.httpStatus,
    code,
    detail,
    instance: request.url,
    ...(errors && errors.length > 0 ? { errors } : {}),
  };
  return reply.status(entry.httpStatus).type('application/problem+json').send(body);
}

/** The one place where failures become HTTP: every error is problem+json with a stable code. */
export function installProblemHandlers(app: FastifyInstance) {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof AppError) return sendProblem(reply, request, error.code, error.message, error.errors);
    if (error.validation) {
      // JSON pointers into the part that failed (body, querystring, params), as the services' own errors use.
      const errors = error.validation.map((v) => {
        const missing = (v.params as { missingProperty?: string } | undefined)?.missingProperty;
        return { path: `${v.instancePath}${missing ? `/${missing}` : ''}` || '/', message: v.message ?? 'is not valid' };
      });
      return sendProblem(reply, request, 'PLATFORM.VALIDATION_FAILED', `The ${error.validationContext ?? 'request'} is not valid: ${error.message}`, errors);
    }
    if (error.statusCode === 429) return sendProblem(reply, request, 'PLATFORM.RATE_LIMITED', error.message);
    if (error.statusCode === 413 || error.code === 'FST_REQ_FILE_TOO_LARGE') {
      return sendProblem(reply, request, 'PLATFORM.PAYLOAD_TOO_LARGE', 'The upload is larger than the server accepts (MAX_UPLOAD_MB).');
    }
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return sendProblem(reply, request, 'PLATFORM.VALIDATION_FAILED', error.message);
    }
    request.log.error({ err: error }, 'unhandled error');
    const dbDown = /ECONNREFUSED|Connection terminated|closed/.test(String(error.message));
    return dbDown
      ? sendProblem(reply, request, 'PLATFORM.DATABASE_UNAVAILABLE', 'The database is not reachable; try again shortly.')
      : sendProblem(reply, request, 'PLATFORM.INTERNAL', 'Something went wrong on our side; it has been logged.');
  });
}

/** Shared response schema for problem+json, referenced from route schemas. */
export const problemSchema = {
  $id: 'Problem',
  type: 'object',
  properties: {
    type: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'integer' },
    code: { type: 'string' },
    detail: { type: 'string' },
    instance: { type: 'string' },
    errors: { type: 'array', items: { type: 'object', properties: { path: { type: 'string' }, message: { type: 'string' } } } },
  },
  required: ['type', 'title', 'status', 'code', 'detail'],
} as const;
