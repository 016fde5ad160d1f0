/**
 * [LG4] A refusal the server (or the board model, on this page) told by code, as a sentence in the
 * page's language. The server's English `error` is for scripts; the page never shows it when the
 * answer carries a code it knows.
 */
import { type ErrorValues, isErrorCode, type Problem, problemSentence } from '../../shared/errors';
import { t } from './current';

export function problemText(problem: Problem): string {
  return problemSentence(t, problem);
}

/** The problem an error answer's body carries, or null for a body with no code this page knows (an older server, a proxy's page). */
export function problemOf(body: unknown): Problem | null {
  if (typeof body !== 'object' || body === null) return null;
  const { code, values, field } = body as Record<string, unknown>;
  if (!isErrorCode(code)) return null;
  const problem: Problem = { code };
  if (typeof values === 'object' && values !== null) {
    problem.values = Object.fromEntries(
      Object.entries(values).filter((entry): entry is [string, string | number] => typeof entry[1] === 'string' || typeof entry[1] === 'number'),
    ) as ErrorValues;
  }
  if (typeof field === 'string') problem.field = field;
  return problem;
}
