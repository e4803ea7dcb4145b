// The app's expected failures, shared by every backend layer: adapters raise CONFLICT and INVALID_INPUT
// from storage, use cases raise the rest. It lives below src/app so adapters never import a use case.

/** The envelope's error codes (src/contract/envelope.ts checks it lists exactly these). */
export type ErrorCode = 'FORBIDDEN' | 'NOT_FOUND' | 'INVALID_INPUT' | 'CONFLICT' | 'RATE_LIMITED' | 'INTERNAL';

export interface AppErrorBody {
  code: ErrorCode;
  message: string;
  fields?: Record<string, string>;
}

/** An expected failure a use case reports to the caller, mapped 1:1 onto the response envelope. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: Record<string, string>,
  ) {
    super(message);
  }
  toBody(): AppErrorBody {
    return this.fields ? { code: this.code, message: this.message, fields: this.fields } : { code: this.code, message: this.message };
  }
}

export const forbidden = (message = "You don't have access to this.") => new AppError('FORBIDDEN', message);
export const notFound = (message: string) => new AppError('NOT_FOUND', message);
export const conflict = (message: string) => new AppError('CONFLICT', message);
export const invalid = (fields: Record<string, string>, message = 'Some fields need attention.') => new AppError('INVALID_INPUT', message, fields);
