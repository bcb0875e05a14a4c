/**
 * The XML builder alone. codec.ts requires this module on first use, not at load, so that the functions'
 * bundles ship the builder as a sidecar file (esbuild.config.mjs) read only by invocations that send a
 * document; reading answers needs the parser alone.
 */
export { XMLBuilder } from 'fast-xml-parser';
