// Builds for browsers without a bundler, in one `vite build` (`builder` turns on Vite's
// multi-environment build; each environment below is its own bundle, built in this order):
// - the engine as one self-contained ES module (it runs in the browser as well as on the server);
// - the SDK (`src/index.ts`: the data layer; the elements join it with their issue) as another,
//   built apart so that neither shares a chunk with the other;
// - the opt-in service worker as a classic script (an IIFE: no `import` left), which every
//   browser with service workers registers without `type: 'module'`.
import type { Plugin } from 'vite';
import { defineConfig } from 'vite';

/**
 * Lit's css`` templates reach the bundle as written, whitespace and comments included, since no
 * minifier looks inside template strings. Ours (in the *.styles.ts files, and the provider's own)
 * have no interpolations and no quoted spaces, so collapsing whitespace around punctuation is safe.
 */
function minifyCssTemplates(): Plugin {
  const minify = (css: string) =>
    css
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/\s+/g, ' ')
      .replace(/\s*([{};,>])\s*/g, '$1')
      .replace(/:\s+/g, ':')
      .replace(/([\s:(,])0\.(\d)/g, '$1.$2')
      .replace(/;}/g, '}')
      .trim();
  return {
    name: 'civic-minify-css-templates',
    apply: 'build',
    transform(code, id) {
      if (!/\/src\/components\/.+(?<!\.test)\.ts$/.test(id) || !code.includes('css`')) return undefined;
      return { code: code.replace(/css`([^`$]*)`/g, (_match, css: string) => `css\`${minify(css)}\``), map: null };
    },
  };
}

const ELEMENTS = ['achievement-board', 'achievement-provider', 'achievement-rewards', 'achievement-share', 'badge-toast', 'progress-ring'];

export default defineConfig({
  plugins: [minifyCssTemplates()],
  publicDir: false,
  server: { host: '127.0.0.1' },
  builder: {},
  build: {
    target: 'es2022',
    outDir: 'dist',
    // Library mode leaves whitespace in place (TOOLCHAIN.md); Rolldown's own output minifier removes it.
    minify: true,
    // Annotations (`@__PURE__`) have done their work once the bundle is built.
    rolldownOptions: { output: { minify: true, comments: false } },
  },
  environments: {
    client: {
      build: {
        lib: {
          entry: { 'civic-achievements-engine': 'src/engine/index.ts' },
          formats: ['es'],
          fileName: (_format, name) => `${name}.js`,
        },
      },
    },
    sdk: {
      consumer: 'client',
      build: {
        emptyOutDir: false,
        lib: {
          entry: { 'civic-achievements': 'src/index.ts' },
          formats: ['es'],
          fileName: (_format, name) => `${name}.js`,
        },
      },
    },
    // Per-element ES modules for bundlers: lit stays external, shared code goes to chunks.
    elements: {
      consumer: 'client',
      build: {
        emptyOutDir: false,
        outDir: 'dist/elements',
        lib: {
          entry: Object.fromEntries(ELEMENTS.map((tag) => [tag, `src/components/${tag}/define.ts`])),
          formats: ['es'],
          fileName: (_format, name) => `${name}.js`,
        },
        rolldownOptions: { external: [/^lit($|\/)/, /^@lit\//], output: { minify: true, comments: false } },
      },
    },
    offline: {
      consumer: 'client',
      build: {
        emptyOutDir: false,
        lib: { entry: { 'civic-achievements-offline': 'src/offline.ts' }, formats: ['es'], fileName: (_format, name) => `${name}.js` },
      },
    },
    // <progress-ring> alone with lit, for a page that wants only the ring; the data layer it loads
    // when it fetches on its own is a separate chunk.
    progressRing: {
      consumer: 'client',
      build: {
        emptyOutDir: false,
        lib: { entry: { 'progress-ring': 'src/components/progress-ring/define.ts' }, formats: ['es'], fileName: (_format, name) => `${name}.js` },
      },
    },
    serviceWorker: {
      consumer: 'client',
      build: {
        emptyOutDir: false, // the client build, first, empties dist
        lib: {
          entry: 'src/data/worker/service-worker.ts',
          formats: ['iife'],
          name: 'civicAchievementsServiceWorker',
          fileName: () => 'civic-achievements-sw.js',
        },
      },
    },
  },
});
