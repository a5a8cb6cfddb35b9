#!/usr/bin/env node
// Runs the one-file bundle `npm run build` makes (scripts/bundle.mjs): one module to load instead
// of about 60. The bundle is used only while it is newer than tsc's output for every package in
// it, so running bare `tsc -b` after an edit never runs stale code: it falls back to dist/main.js.
import { statSync } from 'node:fs';

const mtime = (path) => statSync(new URL(path, import.meta.url), { throwIfNoEntry: false })?.mtimeMs ?? null;
const bundle = mtime('../bundle/tendd.js');
const built = ['../dist/.tsbuildinfo', '../../protocol/dist/.tsbuildinfo'].map(mtime);
const isFresh = bundle !== null && built.every((t) => t === null || t <= bundle);
await import(isFresh ? '../bundle/tendd.js' : '../dist/main.js');
