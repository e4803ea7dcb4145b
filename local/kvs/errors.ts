import { quirks } from './quirks';

/** An error the KVS service answers with: Forge's code, its HTTP status and a message. */
export class KvsError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export const kvsError = {
  notFound: () => new KvsError('KEY_NOT_FOUND', 404, 'Provided key does not exist'),
  badRequest: (code: string, message: string) => new KvsError(code, 400, message),
  tooLarge: (message: string) => new KvsError('MAX_SIZE', 413, message),
  conflict: (message: string) => new KvsError(quirks.conditionFailedCode, 409, message),
};
