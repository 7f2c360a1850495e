// Builds for browsers without a bundler. Today: the engine as one self-contained ES module
// (it runs in the browser as well as on the server). The elements' bundle joins it with issue 5.
import { defineConfig } from 'vite';

export default defineConfig({
  publicDir: false,
  server: { host: '127.0.0.1' },
  build: {
    target: 'es2022',
    outDir: 'dist',
    // Library mode leaves whitespace in place (TOOLCHAIN.md); Rolldown's own output minifier removes it.
    minify: true,
    rolldownOptions: { output: { minify: true } },
    lib: {
      entry: { 'civic-achievements-engine': 'src/engine/index.ts' },
      formats: ['es'],
      fileName: (_format, name) => `${name}.js`,
    },
  },
});
