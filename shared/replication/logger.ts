/** The part of shared/runtime's Logger that ensure uses; anything with these methods will do. */
export interface ReplicationLogger {
  info(msg: string, fields?: Readonly<Record<string, unknown>>): void;
  warn(msg: string, fields?: Readonly<Record<string, unknown>>): void;
  error(msg: string, fields?: Readonly<Record<string, unknown>>): void;
}

export const silentLogger: ReplicationLogger = {
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};
