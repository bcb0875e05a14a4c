/** The compiled policy document, injected into each function bundle by esbuild.config.mjs. */
declare module 'autopilot:policy' {
  const compiled: unknown;
  export default compiled;
}
