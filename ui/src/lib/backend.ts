// The one module that talks to the backend.
//
// Two transports, one interface: inside the desktop window calls go over
// Tauri IPC (the core's commands through its `call` command, the window's
// own commands directly, progress over a `Channel`); in a browser they go
// to `parallax serve` as `POST /api/<command>` with the per-run token. The
// commands, their arguments and replies are the core's table
// (`src/app/commands.rs`), typed by the generated `Commands` map. The
// token arrives once in the start URL; on first load it moves to session
// storage and leaves the address bar and the history entry. Every failure
// becomes an `ApiError` with the core's stable `code`, so screens branch on
// codes, never on message text.

import type { Command, Commands } from './generated/commands';
import type { ImportReport } from './generated/ImportReport';
import type { Progress } from './generated/Progress';
import type { FilterSpec } from './generated/FilterSpec';

/** The commands only the desktop window answers (`WINDOW_COMMANDS` in `src/app/commands.rs`). */
const WINDOW_COMMANDS = ['import', 'pick_inputs', 'save_text', 'ui_ready', 'open_original'] as const;

/** Import progress, as the core reports it after each file. */
export type ImportProgress = Progress;

export class ApiError extends Error {
  constructor(public code: string, message: string) {
    super(message);
  }
}

export function toApiError(raw: unknown): ApiError {
  if (raw instanceof ApiError) return raw;
  if (raw && typeof raw === 'object' && 'code' in raw && 'message' in raw) {
    const r = raw as { code: unknown; message: unknown };
    return new ApiError(String(r.code), String(r.message));
  }
  const text = raw instanceof Error ? raw.message : String(raw);
  // Tauri rejects unknown commands with a bare string.
  if (/command .* not found/i.test(text)) return new ApiError('unavailable', text);
  return new ApiError('internal', text);
}

/** A running import: progress arrives through the callback; `done` settles with the report. */
export interface ImportJob {
  done: Promise<ImportReport>;
  cancel(): Promise<void>;
}

export type Transport = {
  kind: 'tauri' | 'http';
  /** A command of the core's table (`src/app/commands.rs`) or one of the transport's own. */
  call<T>(command: string, args?: Record<string, unknown>): Promise<T>;
  importPaths(paths: string[], onProgress: (p: ImportProgress) => void): ImportJob;
  importFiles(files: File[], onProgress: (p: ImportProgress) => void): ImportJob;
};

type TauriInternals = { invoke: (cmd: string, args?: unknown, options?: unknown) => Promise<unknown> };

export function inTauri(): boolean {
  return typeof window !== 'undefined' && '__TAURI_INTERNALS__' in window;
}

async function tauriTransport(): Promise<Transport> {
  const core = await import('@tauri-apps/api/core');
  const invoke = async <T>(command: string, args: Record<string, unknown> = {}): Promise<T> => {
    try {
      return (await core.invoke(command, args)) as T;
    } catch (e) {
      throw toApiError(e);
    }
  };
  // The window's own commands are IPC commands of their own; every other
  // goes through `call`, which answers the core's command table.
  const call = async <T>(command: string, args: Record<string, unknown> = {}): Promise<T> =>
    (WINDOW_COMMANDS as readonly string[]).includes(command) ? invoke<T>(command, args) : invoke<T>('call', { command, args });
  return {
    kind: 'tauri',
    call,
    importPaths(paths, onProgress) {
      const channel = new core.Channel<{ event: string; data: ImportProgress }>();
      channel.onmessage = (message) => {
        if (message.event === 'progress') onProgress(message.data);
      };
      return {
        done: call<ImportReport>('import', { paths, onEvent: channel }),
        cancel: async () => {
          await call('import_cancel');
        },
      };
    },
    importFiles() {
      // The window imports by path (drop, dialog); file objects carry none.
      return {
        done: Promise.reject(new ApiError('invalid_argument', 'use Import files… or drop files on the window')),
        cancel: async () => {},
      };
    },
  };
}

export function httpTransport(token: string, fetcher: typeof fetch = fetch.bind(globalThis), pollMs = 200): Transport {
  const call = async <T>(command: string, args: Record<string, unknown> = {}): Promise<T> => {
    let response: Response;
    try {
      response = await fetcher(`api/${command}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Parallax-Token': token },
        body: JSON.stringify(args),
      });
    } catch (e) {
      throw new ApiError('offline', `cannot reach parallax serve: ${e instanceof Error ? e.message : String(e)}`);
    }
    const body = await response.json().catch(() => null);
    if (!response.ok) throw toApiError(body ?? { code: 'http', message: `HTTP ${response.status}` });
    return body as T;
  };
  const poll = (job: number, onProgress: (p: ImportProgress) => void) =>
    new Promise<ImportReport>((resolve, reject) => {
      const tick = async () => {
        try {
          const state = await call<Commands['import_status']['reply']>('import_status', { job });
          if (state.progress) onProgress(state.progress);
          if (state.done) {
            if (state.report) resolve(state.report);
            else reject(toApiError(state.error ?? { code: 'internal', message: 'import ended without a report' }));
            return;
          }
          setTimeout(tick, pollMs);
        } catch (e) {
          reject(toApiError(e));
        }
      };
      void tick();
    });
  const start = (args: Record<string, unknown>, onProgress: (p: ImportProgress) => void, before?: Promise<number[]>): ImportJob => {
    let job: number | null = null;
    let cancelled = false;
    const done = (async () => {
      const uploads = before ? await before : [];
      if (cancelled) throw new ApiError('cancelled', 'cancelled before the import started');
      const started = await call<{ job: number }>('import_start', { ...args, uploads });
      job = started.job;
      return poll(job, onProgress);
    })();
    return {
      done,
      cancel: async () => {
        cancelled = true;
        if (job !== null) await call('import_cancel', { job });
      },
    };
  };
  return {
    kind: 'http',
    call,
    importPaths(paths, onProgress) {
      return start({ paths }, onProgress);
    },
    importFiles(files, onProgress) {
      const uploads = (async () => {
        const ids: number[] = [];
        let done = 0;
        for (const file of files) {
          onProgress({ waiting: false, files_done: done, files_total: files.length, current: `uploading ${fileName(file)}`, imported: 0, duplicates: 0, failed: 0 });
          const response = await fetcher('api/upload', {
            method: 'POST',
            headers: { 'X-Parallax-Token': token, 'X-File-Name': encodeURIComponent(fileName(file)), 'Content-Type': 'application/octet-stream' },
            body: file,
          });
          const body = await response.json().catch(() => null);
          if (!response.ok) throw toApiError(body);
          ids.push((body as { upload: number }).upload);
          done += 1;
        }
        return ids;
      })();
      return start({}, onProgress, uploads);
    },
  };
}

/** The name a file is reported under: its path inside a dropped folder when known. */
export function fileName(file: File): string {
  const relative = (file as File & { webkitRelativePath?: string }).webkitRelativePath;
  return relative && relative.length > 0 ? relative : file.name;
}

let transport: Promise<Transport> | null = null;

/** Takes the token out of the page URL (into session storage, which this
 * tab alone reads), so it is not on screen, in the history or in a copied
 * link; later loads of the tab read it from there. */
export function takeToken(location: Location, storage: Storage, history: History): string {
  const url = new URL(location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    storage.setItem('parallax-token', fromUrl);
    url.searchParams.delete('token');
    history.replaceState(history.state, '', `${url.pathname}${url.search}${url.hash}`);
    return fromUrl;
  }
  return storage.getItem('parallax-token') ?? '';
}

function tokenFromPage(): string {
  return takeToken(window.location, sessionStorage, window.history);
}

// At load, before any screen renders: the token leaves the address bar at once.
if (typeof window !== 'undefined' && !inTauri()) transport = Promise.resolve(httpTransport(tokenFromPage()));

export function backend(): Promise<Transport> {
  if (!transport) transport = inTauri() ? tauriTransport() : Promise.resolve(httpTransport(tokenFromPage()));
  return transport;
}

/** A command of the core's table, typed by its generated arguments and reply. */
async function call<C extends Command>(command: C, args?: Commands[C]['args']): Promise<Commands[C]['reply']> {
  return (await backend()).call<Commands[C]['reply']>(command, args as Record<string, unknown> | undefined);
}

/** A command of the window's own. */
async function windowCall<T>(command: (typeof WINDOW_COMMANDS)[number], args?: Record<string, unknown>): Promise<T> {
  return (await backend()).call<T>(command, args);
}

// Typed operations: the screens use only these.
export const api = {
  archive: () => call('archive'),
  stats: () => call('stats'),
  sources: () => call('sources'),
  batches: () => call('batches'),
  /** A page of the Library: after the row whose page token `after` is (read off the order's index), else from `offset`. */
  articles: (filter: FilterSpec, sort: string, offset: number, limit: number, after?: string) =>
    call('articles', { filter, sort, offset, limit, after }),
  facets: (filter: FilterSpec, query?: string) => call('facets', { filter, query }),
  search: (query: string, filter: FilterSpec, offset: number, limit: number) =>
    call('search', { query, filter, offset, limit }),
  article: (id: number | string) => call('article', { id: String(id) }),
  updateArticle: (id: number, fields: { title?: string; url?: string; published?: string; source?: string }) =>
    call('update_article', { id, ...fields }),
  renameSource: (id: number, name: string) => call('rename_source', { id, name }),
  stories: () => call('stories'),
  storyMove: (article: number, story: number) => call('story_move', { article, story }),
  storySplit: (story: number, articles: number[]) => call('story_split', { story, articles }),
  storyMerge: (into: number, from: number) => call('story_merge', { into, from }),
  coverage: () => call('coverage'),
  compare: (id: number | string) => call('compare', { id: String(id) }),
  /** The comparison as the core's Markdown report (`parallax compare --md`). */
  compareMarkdown: (id: number | string) => call('compare_markdown', { id: String(id) }),
  verdictSet: (story: number, key: string, verdict: 'confirmed' | 'wrong', note?: string | null) =>
    call('verdict_set', { story, key, verdict, note: note ?? undefined }),
  verdictClear: (story: number, key: string) => call('verdict_clear', { story, key }),
  verdicts: (story?: number) => call('verdicts', { story }),
  entities: () => call('entities', { limit: 2000 }),
  entityMerge: (into: number, from: number) => call('entity_merge', { into, from }),
  entitySplit: (id: number, alias: string) => call('entity_split', { id, alias }),
  entityRename: (id: number, name: string) => call('entity_rename', { id, name }),
  places: () => call('places'),
  importStatus: (job: number) => call('import_status', { job }),
  importCancel: (job?: number) => call('import_cancel', { job }),
  pickInputs: (folder: boolean) => windowCall<string[]>('pick_inputs', { folder }),
  uiReady: () => windowCall<number>('ui_ready'),
  saveText: (name: string, content: string) => windowCall<string | null>('save_text', { name, content }),
  /** The article's file or address opened by the desktop (window only; the path or address comes from the archive). */
  openOriginal: (article: number, target: 'file' | 'url') => windowCall<string>('open_original', { article, target }),
  // The research workflow: notes and highlights, tags, collections, saved
  // searches, citations, deletion with undo, import history.
  /** Notes of an article, of a story, or on findings (by key), one scope at a time. */
  notes: (scope: { article?: number; story?: number; findings?: string[] } = {}) => call('notes', scope),
  /** A note on the passage `start..end` (Unicode scalar offsets) of an article's field; an empty body is a highlight. */
  notePassage: (article: number, field: 'text' | 'title', start: number, end: number, body: string) =>
    call('note_add', { article, field, start, end, body }),
  noteArticle: (article: number, body: string) => call('note_add', { article, body }),
  noteStory: (story: number, body: string) => call('note_add', { story, body }),
  /** A note on one finding of a story's comparison, kept under the finding's key. */
  noteFinding: (story: number, finding: string, body: string) => call('note_add', { story, finding, body }),
  noteEdit: (note: number, body: string) => call('note_edit', { note, body }),
  noteDelete: (note: number) => call('note_delete', { note }),
  tags: () => call('tags'),
  articleTags: (id: number) => call('article_tags', { id: String(id) }),
  tagAdd: (tag: string, articles: number[], stories: number[] = []) => call('tag_add', { tag, articles, stories }),
  tagRemove: (tag: string, articles: number[]) => call('tag_remove', { tag, articles }),
  tagRename: (from: string, to: string) => call('tag_rename', { from, to }),
  tagMerge: (from: string, into: string) => call('tag_merge', { from, to: into }),
  tagDelete: (name: string) => call('tag_delete', { name }),
  collections: () => call('collections'),
  collectionItems: (name: string) => call('collection_items', { name }),
  collectionAdd: (name: string, articles: number[], stories: number[] = []) => call('collection_add', { name, articles, stories }),
  collectionRemove: (name: string, articles: number[], stories: number[] = []) => call('collection_remove', { name, articles, stories }),
  /** Moves the item at position `from` to `to` (from 1); the reply is the items in their new order. */
  collectionMove: (name: string, from: number, to: number) => call('collection_move', { name, from, to }),
  collectionDelete: (name: string) => call('collection_delete', { name }),
  savedSearches: () => call('searches_saved'),
  searchSave: (name: string, query: string, filter: FilterSpec) => call('search_save', { name, query, filter }),
  searchForget: (name: string) => call('search_forget', { name }),
  cite: (articles: number[], format: 'csl-json' | 'bibtex' | 'ris' | 'text') => call('cite', { articles, format }),
  deleteArticles: (articles: number[]) => call('delete_articles', { articles }),
  deleteBatch: (batch: number) => call('delete_batch', { batch }),
  undo: () => call('undo'),
  undoState: () => call('undo_state'),
  importHistory: (limit?: number) => call('import_history', { limit }),
  importRetryPaths: (batch: number) => call('import_retry_paths', { batch }),
};
