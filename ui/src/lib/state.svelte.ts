// Application-wide state: the route, the archive, the running import.

import { api, backend, ApiError, toApiError, type ImportJob } from './backend';
import type { ArchiveInfo, ImportProgress, ImportReport } from './types';
import type { Removed } from './generated/Removed';

export type Screen = 'import' | 'library' | 'search' | 'reader' | 'stories' | 'compare' | 'entities' | 'map' | 'history';

export interface Route {
  screen: Screen;
  param: string | null;
  query: URLSearchParams;
}

const SCREENS: Screen[] = ['import', 'library', 'search', 'reader', 'stories', 'compare', 'entities', 'map', 'history'];

export function parseHash(hash: string): Route {
  const [path, query = ''] = hash.replace(/^#\/?/, '').split('?');
  const [name, param] = path.split('/');
  const screen = (SCREENS as string[]).includes(name) ? (name as Screen) : 'library';
  return { screen, param: param ? decodeURIComponent(param) : null, query: new URLSearchParams(query) };
}

export function go(screen: Screen, param?: string | number | null, query?: Record<string, string>) {
  let hash = `#/${screen}`;
  if (param !== undefined && param !== null) hash += `/${encodeURIComponent(String(param))}`;
  const q = new URLSearchParams(query ?? {}).toString();
  if (q) hash += `?${q}`;
  window.location.hash = hash;
}

class AppState {
  route = $state<Route>(parseHash(typeof window === 'undefined' ? '' : window.location.hash));
  archive = $state<ArchiveInfo | null>(null);
  archiveError = $state<ApiError | null>(null);
  /** Bumped whenever the archive's contents change (import, edit, switch). */
  generation = $state(0);
  importing = $state(false);
  progress = $state<ImportProgress | null>(null);
  report = $state<ImportReport | null>(null);
  importError = $state<ApiError | null>(null);
  job: ImportJob | null = null;
  /** A message about the last change, with an Undo button while one can be undone. */
  notice = $state<{ text: string; undo: boolean; error?: boolean } | null>(null);
  /** What Edit › Undo (Ctrl+Z) would restore, as the core names it. */
  undoNext = $state<string | null>(null);
  /** Edit › Undo's text, as the core words it (`Undo delete 3 articles`; `Undo` when disabled). */
  undoMenu = $state('Undo');

  /** Reports a deletion the core can undo while this session lasts. */
  deleted(removed: Removed) {
    this.undoNext = removed.label;
    this.undoMenu = removed.undo;
    this.notice = { text: `Deleted ${removed.label}.`, undo: true };
  }

  /** Reads what Edit › Undo would restore (a reload keeps the server's deletions). */
  async readUndo() {
    try {
      const state = await api.undoState();
      this.undoNext = state.next;
      this.undoMenu = state.menu;
    } catch {
      // A transport without the command (an older server) keeps the item disabled.
    }
  }

  /** Edit › Undo: restores the newest deletion. */
  async undo() {
    try {
      const state = await api.undo();
      this.undoNext = state.next;
      this.undoMenu = state.menu;
      this.notice = state.restored
        ? { text: `Restored ${state.restored}.`, undo: state.next !== null }
        : { text: 'Nothing to undo.', undo: false };
      if (state.restored) await this.refresh();
    } catch (e) {
      this.notice = { text: toApiError(e).message, undo: false, error: true };
    }
  }

  async refresh() {
    try {
      this.archive = await api.archive();
      this.archiveError = null;
    } catch (e) {
      this.archiveError = toApiError(e);
    }
    this.generation += 1;
  }

  private async run(start: () => ImportJob) {
    if (this.importing) return;
    this.importing = true;
    this.progress = null;
    this.report = null;
    this.importError = null;
    go('import');
    try {
      this.job = start();
      this.report = await this.job.done;
    } catch (e) {
      this.importError = toApiError(e);
    } finally {
      this.importing = false;
      this.job = null;
      await this.refresh();
    }
  }

  async importPaths(paths: string[]) {
    const transport = await backend();
    await this.run(() => transport.importPaths(paths, (p) => (this.progress = p)));
  }

  async importFiles(files: File[]) {
    const transport = await backend();
    await this.run(() => transport.importFiles(files, (p) => (this.progress = p)));
  }

  async cancelImport() {
    await this.job?.cancel();
  }
}

export const app = new AppState();

/** What each list screen was showing, kept across navigation. */
class ViewMemory {
  libraryFilter = $state<import('./types').Filter>({});
  librarySort = $state('published');
  librarySelected = $state(0);
  searchQuery = $state('');
  searchFilter = $state<import('./types').Filter>({});
}

export const memory = new ViewMemory();
