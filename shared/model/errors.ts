import type { z } from 'zod';

/** A mutation refused: the message is written for the person who tried it. */
export class MutationError extends Error {
  override readonly name = 'MutationError';
}

export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
    throw new MutationError(`${where}${issue?.message ?? 'Invalid input.'}`);
  }
  return result.data;
}
