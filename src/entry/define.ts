import { makeResolver } from '@forge/resolver';
import * as v from 'valibot';
import type { FnContract, FunctionMap, OutputOf, ParsedInputOf } from '../contract/fn';
import { fieldErrors, type Result } from '../contract/envelope';
import type { Role } from '../contract/common';
import { AppError } from '../shared/errors';
import { Session, roleIn, type Call, type ModuleKind } from '../app/session';
import { isRateLimit } from '../adapters/kvs/platform-assumptions';

export interface Impl<F extends FnContract> {
  /** Roles allowed to call this function; checked on the server before anything else happens. */
  allow: readonly Role[];
  /** What the function reads besides the incident, so it comes in the incident's own batch (session.ts). */
  reads?: { indicators?: true };
  handle: (input: ParsedInputOf<F>, call: Call) => Promise<OutputOf<F>>;
}
export type Impls<C extends FunctionMap> = { [K in keyof C]: Impl<C[K]> };

interface ResolverRequest {
  payload: unknown;
  context: { accountId?: string; moduleKey?: string; extension?: { issue?: { id?: unknown; key?: unknown } } };
}

/**
 * Forge's storage quota is per installation and per minute, and @forge/kvs does not pass the 429's Retry-After
 * on, so the hint is a fixed share of that minute: short enough to resume soon, long enough not to hammer.
 */
export const STORAGE_RETRY_AFTER_MS = 5000;


/**
 * Builds a module's resolver from its contract: every function authorizes the caller from Jira's answers, then
 * validates its payload with the contract's schema, then runs its use case. Failures become the envelope.
 */
export function defineResolver<C extends FunctionMap>(kind: ModuleKind, moduleKey: string, contract: C, impls: Impls<C>) {
  const handlers: Record<string, (request: ResolverRequest) => Promise<Result<unknown>>> = {};
  for (const key of Object.keys(contract) as (keyof C & string)[]) {
    const spec = contract[key]!;
    const impl = impls[key];
    handlers[key] = async ({ payload, context }: ResolverRequest): Promise<Result<unknown>> => {
      try {
        // A function is only answered for its own module, whatever the platform routed to us.
        if (context.moduleKey !== moduleKey) throw new AppError('FORBIDDEN', 'This function is not available here.');
        const issue = context.extension?.issue;
        const session = new Session({
          accountId: context.accountId,
          moduleKey,
          issue: kind === 'panel' && typeof issue?.id === 'string' && typeof issue.key === 'string' ? { id: issue.id, key: issue.key } : undefined,
          now: new Date(),
        }, impl.reads);
        if (kind === 'panel' && !session.call.issue) throw new AppError('NOT_FOUND', 'This panel has no issue.');
        const role = await roleIn(session, kind);
        if (!impl.allow.includes(role)) throw new AppError('FORBIDDEN', 'Your role cannot do this.');
        // Validated only once the caller may use the function: strangers learn nothing about its schema.
        const parsed = v.safeParse(spec.input, payload);
        if (!parsed.success) throw new AppError('INVALID_INPUT', 'The request is not valid.', fieldErrors(parsed.issues));
        const data = await impl.handle(parsed.output, { session, role, now: session.call.now });
        return { ok: true, data };
      } catch (e) {
        if (e instanceof AppError) return { ok: false, error: e.toBody() };
        if (isRateLimit(e)) return { ok: false, error: { code: 'RATE_LIMITED', message: 'Storage is busy; try again in a moment.', retryAfterMs: STORAGE_RETRY_AFTER_MS } };
        console.error(`${moduleKey}.${key} failed`, e);
        return { ok: false, error: { code: 'INTERNAL', message: 'Something went wrong on our side; nothing was saved.' } };
      }
    };
  }
  return makeResolver(handlers as never);
}
