/**
 * The floor of the cold-start benchmark: a bundle that loads only what any function that signs
 * requests to OSS over HTTP(S) must load, Node's http, https and crypto, and whose handler does
 * nothing. Never deployed; bundled by the bench like the functions.
 */
import * as crypto from 'node:crypto';
import * as http from 'node:http';
import * as https from 'node:https';

/** Referenced, so that the bundler keeps the three requires (it drops an unused import of a Node module). */
export const loaded = [http.request, https.request, crypto.createHmac];

export async function handler(): Promise<{ ok: true }> {
  return { ok: true };
}
