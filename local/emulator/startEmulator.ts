/**
 * Starts the emulator: one store shared by every region, the replication engine, the event
 * publisher, fault injection and the request log, and one HTTP server per region.
 *
 * @example
 *   const emu = await startEmulator({ regions: { 'cn-hangzhou': 0, 'cn-beijing': 0 } });
 *   // emu.endpoints['cn-hangzhou'] -> 'http://127.0.0.1:39xxx'; emu.credentials[0]
 *   await emu.stop();
 */
import type { Server } from 'node:http';
import { join } from 'node:path';
import { isValidRegion } from '../../shared/oss';
import type { Credentials } from '../../shared/signing';
import { createAdmin } from './admin/admin';
import { FaultInjector } from './admin/faults';
import { RequestLog } from './admin/requestLog';
import * as D from './constants';
import { bucketEventSink } from './events/bucketEvents';
import { EventPublisher } from './events/publisher';
import type { Services } from './operations/context';
import { ReplicationEngine } from './replication/engine';
import { defaultLocationTable, locationRules } from './replication/locations';
import { ReplicationSkips } from './replication/skips';
import { MemoryBlobStore } from './store/blobStore';
import { FileBlobStore } from './store/fileBlobStore';
import { FilePersistence, noPersistence } from './store/persistence';
import { Store } from './store/store';
import type { EmulatorOptions, RunningEmulator } from './types';
import type { MutableTimings } from './admin/admin';
import { newBlobId } from './util/ids';
import type { PipelineDeps } from './wire/pipeline';
import { close, createRegionServer, listen } from './wire/server';

function openStore(dataDir: string | undefined): Store {
  if (!dataDir) return new Store(new MemoryBlobStore(newBlobId), noPersistence);
  return new Store(new FileBlobStore(join(dataDir, 'blobs'), newBlobId), new FilePersistence(join(dataDir, 'buckets')));
}

function credentialLookup(list: readonly Credentials[]): (id: string) => Credentials | undefined {
  const byId = new Map(list.map((c) => [c.accessKeyId, c]));
  return (id) => byId.get(id);
}

/** Never reports request details: they may carry signatures or tokens. */
function internalErrorReporter(log: (line: string) => void): (error: unknown, operation: string) => void {
  return (error, operation) => {
    const name = error instanceof Error ? `${error.name}: ${error.message}` : 'non-Error thrown';
    log(`[emulator] internal error in ${operation}: ${name}`);
  };
}

const stderrLine = (line: string) => void process.stderr.write(`${line}\n`);

function timingsOf(options: EmulatorOptions): MutableTimings {
  // One mutable object shared by reference: admin.setTimings changes what every part reads.
  return {
    startingMs: options.ruleStartingMs ?? D.DEFAULT_RULE_STARTING_MS,
    closingMs: options.ruleClosingMs ?? D.DEFAULT_RULE_CLOSING_MS,
    replicationDelayMs: options.replicationDelayMs ?? D.DEFAULT_REPLICATION_DELAY_MS,
  };
}

/** Everything but the sockets: store, engine, events, faults, log, and the pipeline's dependencies. */
function buildCore(options: EmulatorOptions, regions: readonly string[], credentials: readonly Credentials[]) {
  const clock = options.clock ?? (() => new Date());
  const timings = timingsOf(options);
  const accountId = checkAccountId(options.accountId ?? D.DEFAULT_ACCOUNT_ID);
  const store = openStore(options.dataDir);
  const tickMs = options.tickMs ?? D.DEFAULT_TICK_MS;
  const onInternalError = internalErrorReporter(options.log ?? stderrLine);
  const skips = new ReplicationSkips();
  const engine = new ReplicationEngine(store, {
    timings,
    clock,
    tickMs,
    historicalPerTick: options.historicalPerTick ?? D.DEFAULT_HISTORICAL_PER_TICK,
    onError: (error) => onInternalError(error, 'ReplicationEngine'),
    skips,
  });
  const publisher = new EventPublisher({ random: options.random, ...options.eventRetry });
  const svc: Services = {
    store,
    engine,
    events: bucketEventSink(publisher, accountId, clock),
    locations: locationRules(options.replicationLocations ?? defaultLocationTable(regions)),
    timings,
    clock,
    owner: { id: accountId, displayName: accountId },
  };
  const deps: PipelineDeps = {
    svc,
    credentials: credentialLookup(credentials),
    faults: new FaultInjector(options.random),
    log: new RequestLog(options.requestLogSize),
    maxBodyBytes: options.maxBodyBytes ?? D.DEFAULT_MAX_BODY_BYTES,
    enforceBucketRegion: options.enforceBucketRegion ?? true,
    onInternalError,
  };
  return { deps, publisher, timings, skips };
}

async function listenAll(
  servers: ReadonlyArray<{ region: string; server: Server }>,
  ports: EmulatorOptions['regions'],
  host: string,
  endpoints: Record<string, string>,
): Promise<void> {
  try {
    for (const { region, server } of servers) endpoints[region] = `http://${host}:${await listen(server, ports[region] ?? 0, host)}`;
  } catch (error) {
    await Promise.all(servers.map(({ server }) => (server.listening ? close(server) : undefined)));
    throw error;
  }
}

/** OSS owner ids are account UIDs: digits only (they also end up in event ARNs). */
function checkAccountId(id: string): string {
  if (!/^\d{1,32}$/.test(id)) throw new Error(`startEmulator: accountId must be digits (an account UID), got ${JSON.stringify(id)}`);
  return id;
}

/** `regions` maps region names (no `oss-`) to ports; catch the easy mistakes with a readable message. */
function checkRegions(regions: EmulatorOptions['regions']): string[] {
  if (Array.isArray(regions) || typeof regions !== 'object' || regions === null) {
    throw new Error("startEmulator: regions must map region names to ports, e.g. { 'cn-hangzhou': 0 }");
  }
  const names = Object.keys(regions);
  if (names.length === 0) throw new Error('startEmulator: at least one region is needed');
  for (const name of names) {
    const port = regions[name];
    if (!isValidRegion(name)) throw new Error(`startEmulator: ${name} is not a region name (e.g. cn-hangzhou)`);
    if (!Number.isInteger(port) || (port as number) < 0 || (port as number) > 65535)
      throw new Error(`startEmulator: port of ${name} must be 0..65535`);
  }
  return names;
}

export async function startEmulator(options: EmulatorOptions): Promise<RunningEmulator> {
  const regions = checkRegions(options.regions);
  const credentials = [...(options.credentials ?? [D.DEFAULT_CREDENTIALS])];
  const { deps, publisher, timings, skips } = buildCore(options, regions, credentials);
  const { store, engine, clock } = deps.svc;
  const endpoints: Record<string, string> = {};
  const admin = createAdmin({
    store,
    engine,
    log: deps.log,
    faults: deps.faults,
    skips,
    publisher,
    timings,
    clock,
    endpoints: () => ({ ...endpoints }),
  });
  const servers = regions.map((region) => ({ region, server: createRegionServer(region, deps, admin) }));
  await listenAll(servers, options.regions, options.host ?? D.DEFAULT_HOST, endpoints);
  engine.start();
  return {
    endpoints,
    adminUrl: `${endpoints[regions[0] as string]}/_emulator`,
    credentials,
    admin,
    async stop() {
      engine.stop();
      publisher.clear();
      await Promise.all(servers.map(({ server }) => close(server)));
    },
  };
}
