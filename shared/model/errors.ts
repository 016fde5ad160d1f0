import type { z } from 'zod';
import { CodedError, type ErrorCode, type ErrorValues, type Problem, problemOfMessage } from '../errors';

/** A mutation refused, with the code of the sentence the person who tried it reads (LG4). */
export class MutationError extends CodedError {
  override readonly name = 'MutationError';

  constructor(code: ErrorCode, values?: ErrorValues);
  constructor(problem: Problem, english?: string);
  constructor(code: ErrorCode | Problem, values?: ErrorValues | string) {
    const problem = typeof code === 'string' ? (values && typeof values !== 'string' ? { code, values } : { code }) : code;
    super(problem, ...(typeof values === 'string' ? [values] : []));
  }
}

export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) {
    const issue = result.error.issues[0];
    const field = issue && issue.path.length > 0 ? issue.path.join('.') : undefined;
    const { problem, english } = problemOfMessage(issue?.message, field);
    throw new MutationError(problem, english);
  }
  return result.data;
}
