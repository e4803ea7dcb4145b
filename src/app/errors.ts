import type { AppErrorBody, ErrorCode } from '../contract/envelope';

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
