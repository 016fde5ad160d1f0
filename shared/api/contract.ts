/**
 * The HTTP API's one contract, for the server's handlers (server/http/*.ts) and the browser's
 * calls (client/api.ts, client/workshopApi.ts): each endpoint's method and path, its request
 * body's schema and its answer's type. Request fields reuse the board model's schemas and
 * messages (shared/model/schema.ts), so a bad title gets the same sentence from the API as from
 * the mutation (HC4). Bodies that are not JSON (a CSV file, an export download) are named here
 * with no schema.
 */
import { z } from 'zod';
import { coded, englishSentence, type ErrorCode, type ErrorValues, type Problem, problemOfMessage } from '../errors';
import { MAX_NOTES_PER_BOARD } from '../model/limits';
import { boardTitleInput, NOTE_TEXT_MAX, type NoteSource, noteTextInput, personNameInput } from '../model/schema';
import { DIMENSION_IDS, type DimensionId, KIND_IDS, type KindId, parseClusterRef } from '../model/vocabulary';
import { type BoardInfo, type CreatedBoard, PROTOCOL_VERSION, type Role, ROLES, type Seat } from '../protocol';
import type { BoardExport } from '../report/json';
import type { SimilarNote, TandemProposal, ThemeProposal } from '../suggest/types';
import { type TemplateId, TEMPLATES } from '../templates/index';
import { clusterRef, controlCommand, type MyVotes, voteRequest } from '../workshop/commands';
import { type DeletedNotesAnswer, type RestoreAnswer, restoreRequest } from '../workshop/deletedNotes';

// ---- Versions ----

/**
 * The header a page sends its `PROTOCOL_VERSION` in (`GET /api/boards/:id`): a page built for
 * another version is answered 409 with `OUT_OF_DATE`, and a page compares the server's
 * `BoardInfo.protocolVersion` with its own (HC5).
 */
export const PROTOCOL_HEADER = 'x-clusterboard-protocol';

export const OUT_OF_DATE = englishSentence({ code: 'page.outOfDate' });

/** Does a page of `version` speak this build's protocol? */
export function sameProtocol(version: number | string): boolean {
  return String(version) === String(PROTOCOL_VERSION);
}

// ---- Request bodies ----

export const createBoardRequest = z.object({
  title: boardTitleInput,
  // Accepts a template's id ("excite-d1.4") or its label ("EXCITE D1.4").
  template: z
    .preprocess(
      (value) => TEMPLATES.find((t) => typeof value === 'string' && t.label.toLowerCase() === value.toLowerCase())?.id ?? value,
      z.enum(TEMPLATES.map((t) => t.id) as [TemplateId, ...TemplateId[]], {
        error: coded('board.template', { templates: TEMPLATES.map((t) => `"${t.label}"`).join(', ') }),
      }),
    )
    .optional(),
  /** For "From a previous board": the previous board and a facilitator or participant token of it. */
  from: z.object({ board: z.string().max(64), token: z.string().max(200) }, { error: coded('board.from') }).optional(),
});
export type CreateBoardRequest = z.input<typeof createBoardRequest>;

/** A note from an integration: `author`/`cluster` are kept only when no seat comes with it (AT6). */
export const newNoteRequest = z.object({
  // Blank is refused here (the model keeps an empty note a person is still writing).
  text: z
    .string({ error: coded('note.textRequired') })
    .trim()
    .min(1, coded('note.textRequired'))
    .pipe(noteTextInput),
  dimension: z.enum(DIMENSION_IDS, { error: coded('note.dimension', { options: DIMENSION_IDS.join(', ') }) }),
  kind: z.enum(KIND_IDS, { error: coded('note.kind', { options: KIND_IDS.join(', ') }) }),
  author: personNameInput.optional(),
  cluster: z
    .string()
    .nullable()
    .optional()
    .refine((value) => value === null || value === undefined || parseClusterRef(value) !== null, {
      error: coded('cluster.invalidNamed', { partners: 'silicon-saxony, dti, business-hive-vilnius, mazovia, gaia, scs' }),
    }),
});
export type NewNoteRequest = z.input<typeof newNoteRequest>;

/** Joining, and a person's own new name or cluster. */
export const personRequest = z.object({ name: personNameInput, cluster: clusterRef.nullable() });
export type PersonRequest = z.input<typeof personRequest>;

export const readyRequest = z.object({ ready: z.boolean({ error: coded('ready.boolean') }) });
export const snapshotRequest = z.object({
  name: z
    .string({ error: coded('snapshot.nameRequired') })
    .trim()
    .min(1, coded('snapshot.nameRequired'))
    .max(120, coded('snapshot.nameLength', { max: 120 })),
});
export const linkRequest = z.object({ role: z.enum(ROLES, { error: coded('link.role', { roles: ROLES.join(', ') }) }) });

export { controlCommand, restoreRequest, voteRequest };

export const SUGGESTION_KINDS = ['themes', 'tandems', 'similar'] as const;
/** [SG8] The bounds of one suggestions request: the text compared, the proposals answered, the notes indexed. */
export const SUGGEST_TEXT_MAX = NOTE_TEXT_MAX;
export const SUGGEST_LIMIT_MAX = 50;
/** Notes indexed per board: half the board cap, ten times a busy workshop, under a second of indexing. */
export const SUGGEST_NOTES_MAX = MAX_NOTES_PER_BOARD / 2;

/** `GET /api/boards/:id/suggestions?…`: the query string's parameters. */
export const suggestionsQuery = z
  .object({
    kind: z.enum(SUGGESTION_KINDS, { error: coded('suggest.kind', { options: SUGGESTION_KINDS.join(', ') }) }),
    dimension: z.enum(DIMENSION_IDS, { error: coded('note.dimension', { options: DIMENSION_IDS.join(', ') }) }).optional(),
    cellKind: z.enum(KIND_IDS, { error: coded('suggest.cellKind', { options: KIND_IDS.join(', ') }) }).optional(),
    need: z.string().max(64).optional(),
    text: z
      .string()
      .max(SUGGEST_TEXT_MAX, coded('suggest.textLength', { max: SUGGEST_TEXT_MAX }))
      .optional(),
    limit: z.coerce
      .number({ error: coded('suggest.limit', { max: SUGGEST_LIMIT_MAX }) })
      .int(coded('suggest.limit', { max: SUGGEST_LIMIT_MAX }))
      .min(1, coded('suggest.limit', { max: SUGGEST_LIMIT_MAX }))
      .max(SUGGEST_LIMIT_MAX, coded('suggest.limit', { max: SUGGEST_LIMIT_MAX }))
      .optional(),
  })
  .refine((q) => q.kind !== 'similar' || (q.text ?? '').trim().length > 0, { error: coded('suggest.textRequired'), path: ['text'] });
export type SuggestionsQuery = z.input<typeof suggestionsQuery>;

/**
 * The problem of a body that does not fit its schema: the first one, with where it is when it is
 * inside a field (a top-level field's message names the field itself, as the model's do), and its
 * English sentence.
 */
export function requestProblem(error: z.ZodError): { problem: Problem; english: string } {
  const issue = error.issues[0];
  if (!issue) return { problem: { code: 'request.invalid' }, english: 'The request is not valid.' };
  return problemOfMessage(issue.message, issue.path.length > 1 ? issue.path.join('.') : undefined);
}

// ---- Answers ----

/**
 * [LG4] Every refused request: `code` and `values` for the page, which shows the sentence in the
 * person's language (shared/errors.ts), `field` when it is about one field of the body, and
 * `error`, the English sentence, for scripts.
 */
export interface ErrorAnswer {
  error: string;
  code: ErrorCode;
  values?: ErrorValues;
  field?: string;
}

/** A note as `GET …/notes` lists it. */
export interface ListedNote {
  id: string;
  text: string;
  dimension: DimensionId;
  kind: KindId;
  themeId: string | null;
  author: string;
  cluster: string | null;
  source: NoteSource | null;
  linkedIds: string[];
  /** ISO 8601; null for a time no date can hold (AT4). */
  createdAt: string | null;
}

export interface CsvImportAnswer {
  imported: number;
  /** `reason` in English for scripts; `code` and `values` for the page's language (LG4). */
  problems: { line: number; reason: string; code: ErrorCode; values?: ErrorValues }[];
}

/** What `GET …/suggestions` answers, by the `kind` asked for. */
export type SuggestionsAnswer =
  { kind: 'similar'; similar: SimilarNote[] } | { kind: 'themes'; themes: ThemeProposal[] } | { kind: 'tandems'; tandems: TandemProposal[] };

/** A person as the facilitator's People panel lists them (`GET …/people`). */
export interface PersonSummary {
  id: string;
  name: string;
  cluster: string | null;
  role: 'facilitator' | 'participant';
  joinedAt: number;
  /** Votes in the latest round (open or closed), also while it hides its results. */
  votesUsed: number;
}

/** A snapshot of the board in its history. */
export interface HistoryEntry {
  id: string;
  name: string;
  createdAt: number;
  /** Notes on the board when it was taken. */
  notes: number;
  /**
   * [RD13] Who took it: the facilitator's name as it was then ('' when nobody is known: a snapshot
   * from before authors were recorded, or one the server took by itself).
   */
  author: string;
}

// ---- Endpoints ----

export type Method = 'GET' | 'POST' | 'PUT';

/** Path parameters: `:board` (a board id) and `:entry` (a history entry id). */
export type PathParams = { board?: string; entry?: string };

/**
 * One endpoint. `body` is the JSON body's schema (null: none, or not JSON); `answer` is never set
 * and only carries the answer's type to both sides.
 */
export interface Endpoint<Body = unknown, Answer = unknown> {
  method: Method;
  /** The path with `:board` / `:entry` for its parameters. */
  path: string;
  body: z.ZodType<unknown, Body> | null;
  answer?: Answer;
}

function endpoint<Answer, Body = never>(method: Method, path: string, body: z.ZodType<unknown, Body> | null = null): Endpoint<Body, Answer> {
  return { method, path, body };
}

export const API = {
  time: endpoint<{ now: number }>('GET', '/api/time'),
  createBoard: endpoint<CreatedBoard, CreateBoardRequest>('POST', '/api/boards', createBoardRequest),
  /** Body: a board export (shared/report/json.ts checks it). */
  importBoard: endpoint<CreatedBoard>('POST', '/api/boards/import'),
  boardInfo: endpoint<BoardInfo>('GET', '/api/boards/:board'),
  /** `?format=md|csv|docx|json|html`; answers the file (html: the printable report, shown inline). */
  exportBoard: endpoint<Blob>('GET', '/api/boards/:board/export'),
  listNotes: endpoint<{ notes: ListedNote[] }>('GET', '/api/boards/:board/notes'),
  addNote: endpoint<{ id: string }, NewNoteRequest>('POST', '/api/boards/:board/notes', newNoteRequest),
  /** Body: text/csv. */
  importCsv: endpoint<CsvImportAnswer>('POST', '/api/boards/:board/notes/import'),
  join: endpoint<Seat, PersonRequest>('POST', '/api/boards/:board/people', personRequest),
  listPeople: endpoint<{ people: PersonSummary[] }>('GET', '/api/boards/:board/people'),
  updateMe: endpoint<void, PersonRequest>('PUT', '/api/boards/:board/people/me', personRequest),
  control: endpoint<void, z.input<typeof controlCommand>>('POST', '/api/boards/:board/control', controlCommand),
  vote: endpoint<MyVotes, z.input<typeof voteRequest>>('POST', '/api/boards/:board/votes', voteRequest),
  myVotes: endpoint<MyVotes>('GET', '/api/boards/:board/votes/mine'),
  ready: endpoint<void, z.input<typeof readyRequest>>('POST', '/api/boards/:board/ready', readyRequest),
  reveal: endpoint<{ revealed: number }>('POST', '/api/boards/:board/reveal'),
  listHistory: endpoint<{ entries: HistoryEntry[] }>('GET', '/api/boards/:board/history'),
  takeSnapshot: endpoint<HistoryEntry, z.input<typeof snapshotRequest>>('POST', '/api/boards/:board/history', snapshotRequest),
  readSnapshot: endpoint<BoardExport>('GET', '/api/boards/:board/history/:entry'),
  restoreSnapshot: endpoint<CreatedBoard>('POST', '/api/boards/:board/history/:entry/restore'),
  /** [FO5] The current links, unchanged (facilitator only): showing them never rotates them. */
  readLinks: endpoint<{ links: Record<Role, string> }>('GET', '/api/boards/:board/links'),
  rotateLink: endpoint<{ links: Record<Role, string> }, z.input<typeof linkRequest>>('POST', '/api/boards/:board/links', linkRequest),
  deletedNotes: endpoint<DeletedNotesAnswer>('GET', '/api/boards/:board/deleted-notes'),
  /** Query: SuggestionsQuery; any role, like the notes list. */
  suggestions: endpoint<SuggestionsAnswer>('GET', '/api/boards/:board/suggestions'),
  restoreDeleted: endpoint<RestoreAnswer, z.input<typeof restoreRequest>>('POST', '/api/boards/:board/deleted-notes/restore', restoreRequest),
} as const;

export type AnswerOf<E> = E extends Endpoint<unknown, infer A> ? A : never;
export type BodyOf<E> = E extends Endpoint<infer B, unknown> ? B : never;

/** What each path parameter may be; a path whose parameter does not fit is no endpoint's. */
const PARAM_SHAPES: Record<keyof PathParams, RegExp> = {
  board: /^[^/]+$/,
  entry: /^[A-Za-z0-9]{1,40}$/,
};

/** The URL path of `endpoint` with its parameters filled in (each one encoded). */
export function pathOf(endpoint: Pick<Endpoint, 'path'>, params: PathParams = {}): string {
  return endpoint.path.replace(/:(board|entry)/g, (_, name: keyof PathParams) => encodeURIComponent(params[name] ?? ''));
}

/** The parameters of `pathname` when it is `endpoint`'s path, whatever the method; null otherwise. */
export function matchPath(endpoint: Pick<Endpoint, 'path'>, pathname: string): PathParams | null {
  const pattern = endpoint.path.split('/');
  const actual = pathname.split('/');
  if (pattern.length !== actual.length) return null;
  const params: PathParams = {};
  for (const [i, segment] of pattern.entries()) {
    const value = actual[i] ?? '';
    if (segment.startsWith(':')) {
      const name = segment.slice(1) as keyof PathParams;
      if (!PARAM_SHAPES[name].test(value)) return null;
      params[name] = value;
    } else if (segment !== value) return null;
  }
  return params;
}
