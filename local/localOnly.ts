/**
 * The local tools' control surfaces (the emulator's admin API, the stack's dashboard, inbox and
 * event endpoint) answer only the machine they run on. A web page open in the user's browser can
 * still send requests to 127.0.0.1: with a DNS name of its own that resolves to 127.0.0.1 (DNS
 * rebinding: the Host header is then that name), or as a cross-site request (the browser adds an
 * Origin, and Sec-Fetch-Site: cross-site). Both are refused, so such a page can neither reset the
 * emulator (which wipes --data-dir), add faults, nor post fake alerts or bucket events. Tools on
 * the machine (ali-oss, curl, Node's fetch) send a loopback Host and no Origin, and pass.
 */
import { isIP } from 'node:net';

/** The name in a Host header, without port or IPv6 brackets, lower-cased. */
export function hostName(host: string): string {
  const bracketed = host.match(/^\[([^\]]+)\](:\d+)?$/);
  if (bracketed) return (bracketed[1] as string).toLowerCase();
  return host.replace(/:\d+$/, '').toLowerCase();
}

/** localhost (and *.localhost, which resolves to loopback by RFC 6761), 127.0.0.0/8, ::1. */
export function isLoopbackName(name: string): boolean {
  const n = name.toLowerCase().replace(/\.$/, '');
  if (n === 'localhost' || n.endsWith('.localhost')) return true;
  const v4 = n.startsWith('::ffff:') ? n.slice('::ffff:'.length) : n;
  if (isIP(v4) === 4) return v4.startsWith('127.');
  return isIP(n) === 6 && /^(0{0,4}:){7}0{0,3}1$|^::1$/.test(n);
}

/** An Origin that is not a loopback page ('null' included: sandboxed frames, files). */
function foreignOrigin(origin: string): boolean {
  try {
    const url = new URL(origin);
    return !isLoopbackName(url.hostname.replace(/^\[|\]$/g, ''));
  } catch {
    return true;
  }
}

/**
 * Why a request must not reach a local control surface, or undefined when it may: its Host is not
 * a loopback name or address, or it comes from a page of another site.
 */
export function refusalOf(headers: Readonly<Record<string, string | string[] | undefined>>): string | undefined {
  const host = headers.host;
  if (typeof host !== 'string' || !isLoopbackName(hostName(host)))
    return 'only requests to a loopback host name or address (127.0.0.1, localhost, ::1) are answered here';
  return crossSiteRefusal(headers);
}

/** The Origin half of refusalOf, for surfaces whose Host may legitimately be a DNS name (the OSS API's virtual hosts). */
export function crossSiteRefusal(headers: Readonly<Record<string, string | string[] | undefined>>): string | undefined {
  const origin = headers.origin;
  if (typeof origin === 'string' && foreignOrigin(origin)) return 'requests from a web page of another site are not answered here';
  if (headers['sec-fetch-site'] === 'cross-site') return 'requests from a web page of another site are not answered here';
  return undefined;
}
