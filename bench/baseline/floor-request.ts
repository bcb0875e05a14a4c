/**
 * The floor with the least I/O a function can do: it loads what the floor loads and its invocation
 * makes one HTTP request (to FLOOR_URL, the emulator in the bench) and reads the answer. Every cold
 * invocation of a function checks the state bucket, so this is the floor of "one no-op invocation"
 * that talks to OSS at all. Never deployed; bundled by the bench like the functions.
 */
import * as crypto from 'node:crypto';
import * as http from 'node:http';
import * as https from 'node:https';

/** Referenced, so that the bundler keeps the requires (it drops an unused import of a Node module). */
export const loaded = [https.request, crypto.createHmac];

export function handler(): Promise<{ ok: true; status: number }> {
  return new Promise((resolve, reject) => {
    http
      .get(process.env.FLOOR_URL ?? 'http://127.0.0.1/', (answer) => {
        answer.resume();
        answer.on('end', () => resolve({ ok: true, status: answer.statusCode ?? 0 }));
      })
      .on('error', reject);
  });
}
