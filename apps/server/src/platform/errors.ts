import { errorCatalogue, type ErrorCode } from '@electrifica/contracts';

/** An expected failure with a stable code; the HTTP and CLI edges render it. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly httpStatus: number;
  readonly errors: Array<{ path: string; message: string }> | undefined;

  constructor(code: ErrorCode, detail: string, errors?: Array<{ path: string; message: string }>) {
    super(detail);
    this.name = 'AppError';
    this.code = code;
    this.httpStatus = errorCatalogue[code].httpStatus;
    this.errors = errors;
  }
}

export const notFound = (code: ErrorCode, detail: string) => new AppError(code, detail);
