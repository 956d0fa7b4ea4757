import { describe, expect, it } from 'vitest';
import { ApiError, httpTransport, takeToken, toApiError } from './backend';

type Call = { url: string; init: RequestInit };

function fakeFetch(responses: Record<string, (body: unknown) => [number, unknown]>, calls: Call[]): typeof fetch {
  return (async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    const command = url.replace(/^api\//, '');
    const body = typeof init.body === 'string' ? JSON.parse(init.body) : null;
    const [status, value] = responses[command]?.(body) ?? [404, { code: 'not_found', message: command }];
    return new Response(JSON.stringify(value), { status });
  }) as unknown as typeof fetch;
}

describe('the token', () => {
  function fakes(href: string) {
    const stored = new Map<string, string>();
    const storage = { getItem: (k: string) => stored.get(k) ?? null, setItem: (k: string, v: string) => void stored.set(k, v) } as Storage;
    const replaced: string[] = [];
    const history = { state: null, replaceState: (_s: unknown, _t: string, url: string) => void replaced.push(url) } as unknown as History;
    return { location: { href } as Location, storage, history, replaced };
  }

  it('leaves the address bar on first load and is read from session storage after', () => {
    const first = fakes('http://127.0.0.1:8123/?token=abc&x=1#/library');
    expect(takeToken(first.location, first.storage, first.history)).toBe('abc');
    expect(first.replaced).toEqual(['/?x=1#/library']);
    const reload = { ...first, location: { href: 'http://127.0.0.1:8123/#/library' } as Location, replaced: [] };
    expect(takeToken(reload.location, first.storage, first.history)).toBe('abc');
    expect(first.replaced).toHaveLength(1);
  });
});

describe('http transport', () => {
  it('sends the token and returns the JSON', async () => {
    const calls: Call[] = [];
    const t = httpTransport('secret', fakeFetch({ stats: () => [200, { articles: 3 }] }, calls));
    expect(await t.call('stats')).toEqual({ articles: 3 });
    expect((calls[0].init.headers as Record<string, string>)['X-Parallax-Token']).toBe('secret');
    expect(calls[0].init.method).toBe('POST');
  });

  it('turns error bodies into coded errors', async () => {
    const t = httpTransport('s', fakeFetch({ search: () => [400, { code: 'invalid_query', message: 'bad' }] }, []));
    await expect(t.call('search', { query: '"' })).rejects.toMatchObject({ code: 'invalid_query', message: 'bad' });
  });

  it('polls an import job until its report arrives', async () => {
    let polls = 0;
    const seen: number[] = [];
    const t = httpTransport('s', fakeFetch({
      import_start: (b) => [200, { job: (b as { paths: string[] }).paths.length }],
      import_status: () => {
        polls += 1;
        const progress = { files_done: polls, files_total: 2, current: 'x', imported: polls, duplicates: 0, failed: 0 };
        return [200, polls < 2 ? { progress, done: false } : { progress, done: true, report: { imported: 2 } }];
      },
    }, []), 1);
    const job = t.importPaths(['/a'], (p) => seen.push(p.files_done));
    expect(await job.done).toEqual({ imported: 2 });
    expect(seen).toEqual([1, 2]);
  });
});

describe('toApiError', () => {
  it('keeps codes and maps unknown Tauri commands to unavailable', () => {
    expect(toApiError({ code: 'not_found', message: 'x' })).toBeInstanceOf(ApiError);
    expect(toApiError('command stories not found').code).toBe('unavailable');
    expect(toApiError(new Error('boom')).code).toBe('internal');
  });
});
