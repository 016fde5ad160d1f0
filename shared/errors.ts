/**
 * [LG4] Every refusal and error the server sends a person, as a code and its values: the page
 * shows it in the person's language (catalogue namespace `errors`), and the HTTP API's English
 * `error` sentence for scripts is the English catalogue's, formatted here. Mutations, request
 * schemas, the workshop and the HTTP layer all throw with a code from ERROR_CODES; the page's own
 * checks that say the same thing (a too-long title) use the same code and so the same message.
 */
import type { MessageKey } from './i18n/catalogue';
import english from './i18n/messages/en/errors.json' with { type: 'json' };
import { createTranslator, type MessageValues } from './i18n/translate';

/** Every code a refusal can carry; each is a key of the `errors` catalogue (tests/unit/error-codes.test.ts). */
export const ERROR_CODES = [
  'admin.tokenNeeded',
  'admin.tokenWrong',
  'api.notFound',
  'board.connecting',
  'board.damaged',
  'board.from',
  'board.fromNeedsLink',
  'board.fromNeedsWriterLink',
  'board.full',
  'board.fullBatch',
  'board.language',
  'board.notFound',
  'board.template',
  'board.titleLength',
  'board.titleRequired',
  'client.notBuilt',
  'cluster.empty',
  'cluster.invalid',
  'cluster.invalidNamed',
  'cluster.mergeSame',
  'colour.unavailable',
  'csv.authorLength',
  'csv.clusterLength',
  'csv.controlCharacters',
  'csv.empty',
  'csv.missingColumns',
  'csv.textEmpty',
  'csv.textLength',
  'csv.tooManyRows',
  'csv.unknownDimension',
  'csv.unknownKind',
  'deletedNotes.facilitatorOnly',
  'deletedNotes.noneNamed',
  'deletedNotes.notFound',
  'deletedNotes.storeFailed',
  'export.format',
  'export.language',
  'export.needsWriterLink',
  'group.empty',
  'import.invalid',
  'import.notEmpty',
  'import.outOfBounds',
  'input.atField',
  'input.invalid',
  'join.linkFull',
  'join.networkFull',
  'link.endPractice',
  'link.notValid',
  'link.notesGone',
  'link.role',
  'link.startNeed',
  'meToo.noSeat',
  'meToo.ownNote',
  'metrics.tokenNeeded',
  'note.add.boardLocked',
  'note.add.dimensionLocked',
  'note.add.privateWriting',
  'note.add.readOnly',
  'note.authorMissing',
  'note.authorOrSource',
  'note.dimension',
  'note.gone',
  'note.idTaken',
  'note.kind',
  'note.notAdded',
  'note.textLength',
  'note.textRequired',
  'note.themeOtherCell',
  'notes.selectedGone',
  'page.notFound',
  'page.outOfDate',
  'person.clusterDuringVote',
  'person.nameLength',
  'person.nameRequired',
  'person.notFound',
  'place.index',
  'place.invalid',
  'privateNotes.participantOnly',
  'quota.createsFromAddress',
  'quota.createsOnServer',
  'quota.importsFromAddress',
  'quota.reads',
  'ready.boolean',
  'redo.gone',
  'report.date',
  'report.fieldLength',
  'report.textLength',
  'request.badUrl',
  'request.bodyTooLarge',
  'request.invalid',
  'request.methodNotAllowed',
  'request.notJson',
  'request.sendCsv',
  'request.sendJson',
  'request.wrongMethod',
  'results.voteNotClosed',
  'reveal.failed',
  'reveal.locked',
  'reveal.storeFailed',
  'reveal.tooMany',
  'role.facilitatorOnly',
  'role.viewerJoin',
  'role.viewerTakePart',
  'runSheet.duplicateStep',
  'runSheet.noSuchStep',
  'runSheet.stepTitle',
  'runSheet.tooManySteps',
  'seat.expired',
  'seat.missing',
  'seat.notValid',
  'server.answered',
  'server.busy',
  'server.busyBoards',
  'server.failed',
  'snapshot.nameLength',
  'snapshot.nameRequired',
  'snapshot.notFound',
  'storage.full',
  'suggest.cellKind',
  'suggest.kind',
  'suggest.limit',
  'suggest.needNotFound',
  'suggest.textLength',
  'suggest.textRequired',
  'storage.unavailable',
  'storage.unavailableNothingSaved',
  'sync.readOnly',
  'sync.boardLocked',
  'sync.dimensionLocked',
  'sync.privateAdd',
  'sync.privateEditText',
  'sync.privateNameTheme',
  'sync.reportFacilitatorOnly',
  'sync.followsRefused',
  'sync.facilitatorOnly',
  'sync.joinFirst',
  'sync.ownName',
  'sync.boardFull',
  'sync.textLength',
  'sync.malformed',
  'sync.other',
  'theme.gone',
  'theme.idTaken',
  'theme.otherCell',
  'theme.statementLength',
  'theme.titleLength',
  'theme.titleRequired',
  'undo.gone',
  'vote.budgetUsed',
  'vote.closed',
  'vote.clusterCap',
  'vote.noneToTakeBack',
  'vote.noteGone',
  'vote.onlyYourself',
  'vote.perNote',
] as const satisfies readonly (keyof typeof english)[];
export type ErrorCode = (typeof ERROR_CODES)[number];

/** Values a code's sentence needs: numbers, ids and names, never English words to translate. */
export type ErrorValues = Readonly<Record<string, string | number>>;

/** A refusal as it travels: its code, its values, and the request field it is about (a dotted path). */
export interface Problem {
  code: ErrorCode;
  values?: ErrorValues;
  field?: string;
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}

/** The catalogue key of a code's message. */
export function errorKey(code: ErrorCode): MessageKey {
  return `errors.${code}`;
}

/** A problem's sentence in the language of `t` (the page's, or English below). */
export function problemSentence(t: (key: MessageKey, values?: MessageValues) => string, problem: Problem): string {
  const sentence = t(errorKey(problem.code), problem.values);
  return problem.field ? t('errors.input.atField', { field: problem.field, problem: sentence }) : sentence;
}

const inEnglish = createTranslator('en', Object.fromEntries(Object.entries(english).map(([key, message]) => [`errors.${key}`, message])));

/** The English sentence of a problem: the HTTP API's `error`, an Error's message. */
export function englishSentence(problem: Problem): string {
  return problemSentence(inEnglish.t, problem);
}

/** An error that carries its problem; its message is the English sentence unless one is given (a script-only wording kept as it was). */
export class CodedError extends Error {
  constructor(
    readonly problem: Problem,
    english: string = englishSentence(problem),
  ) {
    super(english);
  }
}

const byMessage = new Map<string, Problem>();

/**
 * A schema's message (zod) that carries its code: the English sentence, remembered so that a
 * failed parse is told by code (`problemOfMessage`) while the schema reads as plain English.
 */
export function coded(code: ErrorCode, values?: ErrorValues): string {
  const problem: Problem = values ? { code, values } : { code };
  const sentence = englishSentence(problem);
  byMessage.set(sentence, problem);
  return sentence;
}

/** The problem a schema message names, or `input.invalid` for a message no schema gave a code (zod's own). */
export function problemOfMessage(message: string | undefined, field?: string): { problem: Problem; english: string } {
  const found = message === undefined ? undefined : byMessage.get(message);
  const problem: Problem = { ...(found ?? { code: 'input.invalid' }), ...(field ? { field } : {}) };
  const english = found ? englishSentence(problem) : `${field ? `${field}: ` : ''}${message ?? englishSentence({ code: 'input.invalid' })}`;
  return { problem, english };
}

/**
 * [LG4] A refusal told over a socket: y-websocket's "permission denied" carries one string, so it
 * carries the problem as JSON; the page shows it in its own language (`socketRefusalProblem`).
 */
export function socketRefusal(problem: Problem): string {
  return JSON.stringify(problem.values ? { code: problem.code, values: problem.values } : { code: problem.code });
}

/** The problem in a socket refusal; a reason in any other form (an older server's English clause) reads as itself. */
export function socketRefusalProblem(reason: string): Problem {
  try {
    const parsed: unknown = JSON.parse(reason);
    if (typeof parsed === 'object' && parsed !== null && 'code' in parsed && isErrorCode(parsed.code)) {
      const values = 'values' in parsed && typeof parsed.values === 'object' && parsed.values !== null ? plainValues(parsed.values) : undefined;
      return values ? { code: parsed.code, values } : { code: parsed.code };
    }
  } catch {
    // Not JSON: an English clause.
  }
  return { code: 'sync.other', values: { detail: reason.slice(0, 200) } };
}

function plainValues(values: object): ErrorValues {
  const plain: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(values).slice(0, 8)) {
    if (typeof value === 'number' && Number.isFinite(value)) plain[name] = value;
    else if (typeof value === 'string') plain[name] = value.slice(0, 200);
  }
  return plain;
}
