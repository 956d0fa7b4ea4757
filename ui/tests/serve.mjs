// Starts `parallax serve` on a fresh temporary archive and returns its URL.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const REPO = resolve(import.meta.dirname, '..', '..');
export const TARGET = process.env.CARGO_TARGET_DIR ?? join(REPO, 'target');
export const CLI = process.env.PARALLAX_BIN ?? join(TARGET, 'debug', 'parallax');

export async function startServe(db = join(mkdtempSync(join(tmpdir(), 'parallax-serve-')), 'archive.db'), extra = []) {
  const child = spawn(CLI, ['--db', db, 'serve', '--port', '0', ...extra], {
    env: { ...process.env, PARALLAX_UI_DIR: join(REPO, 'ui', 'dist') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const url = await new Promise((ok, fail) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const line = out.split('\n').find((l) => l.startsWith('http://'));
      if (line) ok(line.trim());
    });
    child.on('exit', (code) => fail(new Error(`parallax serve exited with ${code}: ${stderr}`)));
    setTimeout(() => fail(new Error(`parallax serve did not start: ${stderr}`)), 15000);
  });
  const parsed = new URL(url);
  return { url, origin: parsed.origin, token: parsed.searchParams.get('token'), db, stop: () => child.kill('SIGTERM') };
}
