/**
 * The parts of the FC Node.js `context` this project reads. Everything is optional because local
 * runs, tests and the older FC 2.0 runtime fill different subsets.
 */
export interface FcCredentials {
  readonly accessKeyId?: string;
  readonly accessKeySecret?: string;
  readonly securityToken?: string;
}

export interface FcContext {
  readonly requestId?: string;
  readonly credentials?: FcCredentials;
  readonly function?: {
    readonly name?: string;
    readonly handler?: string;
    readonly memory?: number;
    /** Seconds. */
    readonly timeout?: number;
  };
  readonly region?: string;
  readonly accountId?: string;
}
