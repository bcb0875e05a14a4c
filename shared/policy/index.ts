/**
 * The whole policy module, build time included: compiling YAML pulls yaml and zod, so only the CLI,
 * the local stack, scripts and tests import this entry. Functions and the rest of shared/ import
 * `./runtime` (the run-time face, free of yaml and zod), which this entry re-exports.
 */
export * from './runtime';
export { compilePolicy, compilePolicyObject, loadPolicyFile } from './compile';
export { runCompilePolicy, parseCompileArgs, DEFAULT_POLICY_FILE, DEFAULT_POLICY_OUT, type CliIo, type CompileArgs } from './compileCli';
