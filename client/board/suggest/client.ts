/**
 * The board screen's side of the suggestion worker: it feeds the index as the board changes and
 * turns each question into a promise. Nothing here runs the engine; the main thread only diffs
 * notes (feed.ts) and posts messages.
 */
import type { Locale } from '../../../shared/i18n/locales';
import type { LinkedPair, SuggestQuestion, SuggestRequest, SuggestResponse } from '../../../shared/suggest/protocol';
import type { SimilarNote, SuggestionQuery, TandemProposal, ThemeProposal } from '../../../shared/suggest/types';
import { type FeedNote, IndexFeed } from './feed';

/** What the client needs of a Worker (a test gives it an in-process one). */
export interface WorkerPort {
  postMessage(message: SuggestRequest): void;
  addEventListener(type: 'message', listener: (event: { data: SuggestResponse }) => void): void;
  terminate(): void;
}

type Pending = { resolve(response: SuggestResponse): void; reject(error: Error): void };

type Distribute<Q> = Q extends unknown ? Omit<Q, 'id'> : never;

export class SuggestClient {
  private readonly feed = new IndexFeed();
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private closed = false;
  private language: Locale | null = null;

  constructor(private readonly worker: WorkerPort) {
    worker.addEventListener('message', ({ data }) => {
      const waiting = this.pending.get(data.id);
      if (!waiting) return;
      this.pending.delete(data.id);
      if (data.type === 'failed') waiting.reject(new Error(data.message));
      else waiting.resolve(data);
    });
  }

  /** Sends the index what changed among the notes this person may see; true if anything did. */
  update(notes: Iterable<FeedNote>): boolean {
    if (this.closed) return false;
    const changes = this.feed.next(notes);
    if (changes) this.worker.postMessage({ type: 'index', changes });
    return changes !== null;
  }

  /** The board's language, for notes too short to tell their own. */
  setLanguage(language: Locale): void {
    if (language === this.language || this.closed) return;
    this.language = language;
    this.worker.postMessage({ type: 'language', language });
  }

  async similar(text: string, limit = 3): Promise<SimilarNote[]> {
    const response = await this.ask({ type: 'similar', text, limit });
    return response.type === 'similar' ? response.notes : [];
  }

  async themes(query: SuggestionQuery = {}): Promise<ThemeProposal[]> {
    const response = await this.ask({ type: 'themes', query });
    return response.type === 'themes' ? response.proposals : [];
  }

  /** Proposals for one need, or for every need (needId null), leaving out the pairs `linked`. */
  async tandems(needId: string | null, linked: readonly LinkedPair[], limit = 5): Promise<TandemProposal[]> {
    const response = await this.ask({ type: 'tandems', needId, limit, linked: [...linked] });
    return response.type === 'tandems' ? response.proposals : [];
  }

  close(): void {
    this.closed = true;
    this.worker.terminate();
    for (const waiting of this.pending.values()) waiting.reject(new Error('closed'));
    this.pending.clear();
  }

  private ask(question: Distribute<SuggestQuestion>): Promise<SuggestResponse> {
    if (this.closed) return Promise.reject(new Error('closed'));
    const id = this.nextId++;
    return new Promise<SuggestResponse>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ ...question, id } as SuggestQuestion);
    });
  }
}
