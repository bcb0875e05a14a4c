/**
 * What sending needs and nothing else does: the channels (with their rendering) and the delivery loop.
 * alerter.ts requires this module when an invocation first has something to send, not at load, so the
 * functions' bundles ship it as a sidecar file (esbuild.config.mjs) that most invocations never read.
 */
export { buildChannels } from './channelRegistry';
export { deliver } from './deliver';
