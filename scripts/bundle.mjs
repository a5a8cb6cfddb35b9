#!/usr/bin/env node
// `npm run build`'s second step, after `tsc -b`: bundle each bin's entry (tsc's dist/main.js and
// every module it imports, @tend/protocol and cli-table3 included) into one ESM file, so that a
// start-up loads 1 module instead of about 60. Node 20 has no compile cache, and resolving,
// reading and linking those modules cost tendctl about 30 ms per call.
// `node scripts/bundle.mjs --clean` removes the bundles again.
//
// The bundles are build output (gitignored). bin/*.js use one only while it is newer than the
// tsc output it was made from; see packages/*/bin.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));

/** One bundle per bin. `external`: packages loaded from node_modules at run time, only when needed. */
export const BUNDLES = [
  { pkg: 'packages/ctl', name: 'tendctl', external: [] },
  // chokidar is imported only when [supervisord] autoupdate=true (a dynamic import in autoupdate.ts).
  { pkg: 'packages/daemon', name: 'tendd', external: ['chokidar'] },
];

// Bundled CommonJS (cli-table3 and its dependencies) calls require() for Node built-ins; an ESM
// output has no `require`, so give it one.
const BANNER = "import { createRequire as __tendCreateRequire } from 'node:module';\nconst require = __tendCreateRequire(import.meta.url);";

async function bundle({ pkg, name, external }) {
  const outfile = join(root, pkg, 'bundle', `${name}.js`);
  await build({
    entryPoints: [join(root, pkg, 'dist/main.js')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external,
    banner: { js: BANNER },
    // Chained through tsc's .js.map files, so stack traces map back to src/*.ts with
    // `node --enable-source-maps`.
    sourcemap: 'linked',
    // Names stay readable in stack traces and profiles.
    minify: false,
    logLevel: 'warning',
  });
}

if (process.argv.includes('--clean')) {
  for (const { pkg } of BUNDLES) rmSync(join(root, pkg, 'bundle'), { recursive: true, force: true });
} else {
  await Promise.all(BUNDLES.map(bundle));
}
