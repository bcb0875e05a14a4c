// Bundles each function under functions/<name>/index.ts into dist/<name>/index.js (CommonJS, node20,
// minified, with a source map) and prints a size report from the metafile.
//
// The policy file is compiled and validated before bundling (scripts/compile-policy.ts writes
// build/policy.json) and enters each bundle as the virtual module `autopilot:policy`, so no YAML
// parser or schema library ships in a function.
//
// What every cold start loads is index.js alone; code only some invocations need sits in sidecar files
// next to it (SIDECARS), and library code no function can reach is replaced by stubs (UNREACHABLE).
// `dist/<name>/` is the deployed folder: everything a function requires is inside it.
import { build } from 'esbuild';
import { existsSync, readdirSync, readFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, extname, join, resolve } from 'node:path';
import { createRequire } from 'node:module';

const root = resolve(import.meta.dirname);
const defaultPolicyJson = () => resolve(root, process.env.POLICY_JSON ?? 'build/policy.json');

/** Resolves `autopilot:policy` to the compiled policy JSON. */
function policyPlugin(compiledPolicy) {
  return {
    name: 'autopilot-policy',
    setup(b) {
      b.onResolve({ filter: /^autopilot:policy$/ }, () => ({ path: compiledPolicy, namespace: 'autopilot-policy' }));
      b.onLoad({ filter: /.*/, namespace: 'autopilot-policy' }, () => {
        if (!existsSync(compiledPolicy)) {
          throw new Error(`${compiledPolicy} is missing: run the policy compiler first (npm run build does)`);
        }
        return { contents: readFileSync(compiledPolicy, 'utf8'), loader: 'json' };
      });
    },
  };
}

/**
 * Modules a function requires lazily (`require()` inside the function that needs it, never a static
 * import), each bundled into its own file next to index.js and read only when that code first runs:
 * - `@alicloud/pop-core` (154 KB with bignumber.js, xml2js and sax): only a CloudMonitor channel sends
 *   through it (shared/alerts/channels/cloudmonitor.ts).
 * - shared/alerts/outbound.ts (the channels, their rendering and the delivery loop, about 17 KB): only an
 *   invocation that has an alert to send builds channels (shared/alerts/alerter.ts).
 * - shared/xml/xmlBuilder.ts (fast-xml-builder, about 15 KB): only requests that send a document (a rule,
 *   versioning, a new bucket's configuration) build XML; reading answers needs the parser alone
 *   (shared/xml/codec.ts).
 * - shared/replication/apply.ts (the steps that change a bucket: 3.3 KB less in index.js, a 10 KB sidecar
 *   with its copies of the helpers it shares with index.js): ensure loads it only for a plan with steps
 *   (shared/replication/ensure.ts), so reconcile over buckets that are already right and bucket-events
 *   for an event that changes nothing never read it. Everything it acts through (the OSS
 *   client, the state store, the logger, the clock) is index.js's, passed in as ApplyDeps; the OSS errors
 *   it branches on come from index.js's client and are recognised by brand (isOssError, isTransient in
 *   shared/oss/errors.ts), not class identity; the errors it throws are read by `code` and `message`
 *   (failureReason), never by class.
 * A sidecar holds its own copy of the shared code it imports, so what a sidecar contains must keep no
 * state that index.js also reads (all four are stateless), and no check across the boundary may rely on
 * `instanceof` one of our classes. A static import of the same module bundles it into index.js as usual:
 * only the lazy `require` is redirected.
 */
export const SIDECARS = [
  { request: '@alicloud/pop-core', file: 'pop-core.js' },
  { request: 'shared/alerts/outbound.ts', file: 'alerts-outbound.js' },
  { request: 'shared/xml/xmlBuilder.ts', file: 'xml-builder.js' },
  { request: 'shared/replication/apply.ts', file: 'replication-apply.js' },
];

const isPackage = (request) => !request.startsWith('shared/');

function sidecarEntry(sidecar) {
  return isPackage(sidecar.request) ? createRequire(import.meta.url).resolve(sidecar.request) : join(root, sidecar.request);
}

/** The sidecar a `require()` names: a package by its name, one of ours by its resolved file. */
function sidecarFor(args) {
  if (args.kind !== 'require-call') return undefined;
  return SIDECARS.find((s) => {
    if (isPackage(s.request)) return args.path === s.request;
    if (!args.path.startsWith('.')) return false;
    const target = resolve(args.resolveDir, args.path);
    return (extname(target) === '' ? `${target}.ts` : target) === join(root, s.request);
  });
}

function sidecarPlugin(self) {
  return {
    name: 'autopilot-sidecars',
    setup(b) {
      b.onResolve({ filter: /.*/ }, (args) => {
        const sidecar = sidecarFor(args);
        return sidecar && sidecar !== self ? { path: `./${sidecar.file}`, external: true } : undefined;
      });
    },
  };
}

/**
 * Library code no function can reach, replaced by stubs that fail closed (about 29 KB per bundle):
 * - fast-xml-parser's DOCTYPE reader (DocTypeReader) and is-unsafe, which judges the entities a DOCTYPE
 *   declares (17 KB of HTML, SQL and shell patterns): shared/xml/codec.ts refuses every document
 *   containing `<!DOCTYPE` before the parser sees it.
 * - strnum, the parser's number conversion: codec.ts parses with `parseTagValue: false` and ignores
 *   attributes, so every value stays a string and the conversion is never called.
 * - path-expression-matcher's Expression and ExpressionSet (about 3.4 KB), as the parser imports them: they
 *   compile and match `stopNodes`, which codec.ts never sets. The parser still builds an empty
 *   ExpressionSet and asks its `size` before each tag (OrderedObjParser's isItStopNode), so the stub's set
 *   is always empty and refuses an expression; Matcher, which tracks the path `isArray` reads, stays real.
 *   The XML builder sidecar imports the package itself and keeps it whole.
 * The emulator, the CLI and the tests keep the real modules.
 */
const UNREACHABLE = [
  {
    filter: /^is-unsafe$/,
    importer: /fast-xml-parser/,
    contents: 'export const HTML = [], XML = []; export function isUnsafe() { return true; }',
  },
  {
    filter: /\/DocTypeReader\.js$/,
    importer: /fast-xml-parser/,
    // What the real reader throws for the one input that can still reach it: `<!D` that is not a DOCTYPE.
    contents:
      'export default class DocTypeReader { setXmlVersion() {} readDocType() { throw new Error("Invalid Tag instead of DOCTYPE"); } }',
  },
  {
    filter: /^strnum$/,
    importer: /fast-xml-parser/,
    contents: 'export default function toNumber() { throw new Error("values are parsed as strings"); }',
  },
  {
    filter: /^path-expression-matcher$/,
    importer: /fast-xml-parser/,
    resolveDir: join(dirname(createRequire(import.meta.url).resolve('path-expression-matcher')), '..', 'src'),
    contents: [
      "export { default as Matcher, MatcherView } from './Matcher.js';",
      'const none = () => { throw new Error("stopNodes are not supported"); };',
      'export class Expression { constructor() { none(); } }',
      'export class ExpressionSet { get size() { return 0; } add() { none(); } seal() {} matchesAny() { return false; } }',
    ].join('\n'),
  },
];

const unreachablePlugin = {
  name: 'autopilot-unreachable',
  setup(b) {
    UNREACHABLE.forEach((stub, i) => {
      b.onResolve({ filter: stub.filter }, (args) =>
        stub.importer.test(args.importer) ? { path: String(i), namespace: 'autopilot-unreachable' } : undefined,
      );
    });
    b.onLoad({ filter: /.*/, namespace: 'autopilot-unreachable' }, (args) => ({
      contents: UNREACHABLE[Number(args.path)].contents,
      resolveDir: UNREACHABLE[Number(args.path)].resolveDir,
      loader: 'js',
    }));
  },
};

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  minify: true,
  legalComments: 'none',
  // Non-ASCII text (the HTML entity table's characters) as UTF-8 rather than \u escapes (about 90 bytes):
  // node reads every module as UTF-8, and esbuild still escapes what UTF-8 cannot hold (lone surrogates).
  charset: 'utf8',
  logLevel: 'warning',
};

const outputBytes = (metafile) => Object.entries(metafile.outputs).reduce((n, [file, o]) => (file.endsWith('.map') ? n : n + o.bytes), 0);
const lazyRequires = (metafile) =>
  new Set(Object.values(metafile.outputs).flatMap((o) => o.imports.filter((i) => i.external).map((i) => i.path.replace(/^\.\//, ''))));

/** Every sidecar the bundle requires, and every sidecar those require in turn. */
async function bundleSidecars(metafile, outDir) {
  const built = [];
  const pending = [...lazyRequires(metafile)];
  while (pending.length > 0) {
    const file = pending.shift();
    const sidecar = SIDECARS.find((s) => s.file === file);
    if (!sidecar || built.some((b) => b.file === file)) continue;
    const result = await build({
      ...common,
      entryPoints: [sidecarEntry(sidecar)],
      outfile: join(outDir, file),
      metafile: true,
      plugins: [sidecarPlugin(sidecar), unreachablePlugin],
    });
    built.push({ file, bytes: outputBytes(result.metafile), metafile: result.metafile });
    pending.push(...lazyRequires(result.metafile));
  }
  return built;
}

export function functionEntries(dir = join(root, 'functions')) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(dir, d.name, 'index.ts')))
    .map((d) => ({ name: d.name, entry: join(dir, d.name, 'index.ts') }));
}

/**
 * Bundles one function into `<outRoot>/<name>/`: index.js, its source map and its sidecars.
 * `policyJson` is the compiled policy it embeds (default: POLICY_JSON or build/policy.json).
 */
export async function bundleFunction({ name, entry }, outRoot = join(root, 'dist'), { policyJson = defaultPolicyJson() } = {}) {
  const outfile = join(outRoot, name, 'index.js');
  const result = await build({
    ...common,
    entryPoints: [entry],
    outfile,
    sourcemap: true,
    metafile: true,
    plugins: [policyPlugin(policyJson), sidecarPlugin(undefined), unreachablePlugin],
  });
  const bytes = result.metafile.outputs[Object.keys(result.metafile.outputs).find((k) => k.endsWith('index.js'))].bytes;
  const sidecars = await bundleSidecars(result.metafile, join(outRoot, name));
  return { name, outfile, bytes, sidecars: sidecars.map(({ file, bytes }) => ({ file, bytes })), metafile: result.metafile };
}

async function main() {
  const entries = functionEntries();
  const report = [];
  for (const e of entries) report.push(await bundleFunction(e));
  mkdirSync(join(root, 'dist'), { recursive: true });
  writeFileSync(
    join(root, 'dist', 'size-report.json'),
    JSON.stringify(
      report.map(({ name, bytes, sidecars }) => ({ name, bytes, sidecars })),
      null,
      2,
    ),
  );
  for (const r of report) {
    const top = Object.entries(r.metafile.outputs[Object.keys(r.metafile.outputs).find((k) => k.endsWith('index.js'))].inputs)
      .sort((a, b) => b[1].bytesInOutput - a[1].bytesInOutput)
      .slice(0, 3)
      .map(([path, i]) => `${path.replace(/^node_modules\//, '')} ${(i.bytesInOutput / 1024).toFixed(0)} KB`)
      .join(', ');
    const lazy = r.sidecars.map((c) => ` + lazy ${c.file} ${(c.bytes / 1024).toFixed(0)} KB`).join('');
    console.log(`${r.name.padEnd(16)} ${(r.bytes / 1024).toFixed(1).padStart(8)} KB${lazy}   largest inputs: ${top}`);
  }
  if (entries.length === 0) console.log('no functions to bundle yet');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((err) => {
    console.error(err.message);
    process.exit(1);
  });
}
