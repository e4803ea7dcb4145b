import type * as v from 'valibot';

/** One resolver function: the schema of its request and of its response data, shared by static/ and src/. */
export interface FnContract<I extends v.GenericSchema = v.GenericSchema, O extends v.GenericSchema = v.GenericSchema> {
  input: I;
  output: O;
}
export type FunctionMap = Record<string, FnContract>;
export type InputOf<F extends FnContract> = v.InferInput<F['input']>;
export type ParsedInputOf<F extends FnContract> = v.InferOutput<F['input']>;
export type OutputOf<F extends FnContract> = v.InferOutput<F['output']>;

export const fn = <I extends v.GenericSchema, O extends v.GenericSchema>(input: I, output: O): FnContract<I, O> => ({ input, output });
