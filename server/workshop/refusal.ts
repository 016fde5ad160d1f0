import { englishSentence, type Problem } from '../../shared/errors';

/**
 * Thrown by the guard's checks; its message is the reason logged (W7), its problem what the writer
 * is told in their language [LG4]: a refusal a person meets in use has its own code, the rest
 * (only a broken or hostile client sends them) are told as a malformed change with the clause.
 */
export class Refusal extends Error {
  override readonly name = 'Refusal';
  readonly problem: Problem;

  constructor(reason: string, problem?: Problem) {
    super(reason);
    this.problem = problem ?? { code: 'sync.malformed', values: { detail: reason } };
  }
}

export function refuse(reason: string, problem?: Problem): never {
  throw new Refusal(reason, problem);
}

/** A refusal with its own code; its logged reason is the English sentence. */
export function refuseWith(problem: Problem): never {
  throw new Refusal(englishSentence(problem), problem);
}
