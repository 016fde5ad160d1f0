/**
 * A socket refusal (y-websocket's "permission denied", carrying a coded problem: LG4) as the
 * English clause the guard logs, so tests can say what was refused in words.
 */
import { englishSentence, socketRefusalProblem } from '../../shared/errors';

export function englishReason(reason: string): string {
  const problem = socketRefusalProblem(reason);
  // A malformed change, or an older server's clause: its detail is the clause itself.
  if ((problem.code === 'sync.malformed' || problem.code === 'sync.other') && typeof problem.values?.['detail'] === 'string')
    return problem.values['detail'];
  return englishSentence(problem);
}
