import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

// Relative asset paths so the same build works from Tauri's custom protocol
// and from `parallax serve`; no inline scripts, so the strict CSP holds.
export default defineConfig({
  plugins: [svelte()],
  base: './',
  build: { target: 'es2021', outDir: 'dist', emptyOutDir: true, assetsInlineLimit: 0, chunkSizeWarningLimit: 1200 },
  test: { include: ['src/**/*.test.ts'], environment: 'node' },
});
