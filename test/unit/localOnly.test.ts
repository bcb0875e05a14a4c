import { crossSiteRefusal, hostName, isLoopbackName, refusalOf } from '../../local/localOnly';

describe('isLoopbackName', () => {
  it.each(['localhost', 'LOCALHOST', 'app.localhost', '127.0.0.1', '127.8.9.10', '::1', '0:0:0:0:0:0:0:1', '::ffff:127.0.0.1'])(
    'accepts %s',
    (name) => {
      expect(isLoopbackName(name)).toBe(true);
    },
  );

  it.each(['evil.example', 'localhost.evil.example', '127.0.0.1.nip.io', '10.0.0.1', '0.0.0.0', '::', '192.168.1.5', ''])(
    'refuses %s',
    (name) => {
      expect(isLoopbackName(name)).toBe(false);
    },
  );
});

describe('hostName', () => {
  it('drops the port and the IPv6 brackets', () => {
    expect([hostName('127.0.0.1:9100'), hostName('[::1]:9100'), hostName('LocalHost:80')]).toEqual(['127.0.0.1', '::1', 'localhost']);
  });
});

describe('refusalOf', () => {
  it('lets a loopback Host without Origin through (ali-oss, curl, Node fetch)', () => {
    expect(refusalOf({ host: '127.0.0.1:9100' })).toBeUndefined();
  });

  it('lets a page served from a loopback origin through, whatever its port', () => {
    expect(refusalOf({ host: '127.0.0.1:9100', origin: 'http://localhost:3000', 'sec-fetch-site': 'same-site' })).toBeUndefined();
  });

  it('refuses a DNS name that only resolves to loopback (DNS rebinding)', () => {
    expect(refusalOf({ host: 'rebind.evil.example:9100' })).toMatch(/loopback host/);
  });

  it('refuses a request without Host', () => {
    expect(refusalOf({})).toMatch(/loopback host/);
  });

  it.each([[{ origin: 'https://evil.example' }], [{ origin: 'null' }], [{ origin: 'not a url' }], [{ 'sec-fetch-site': 'cross-site' }]])(
    'refuses a page of another site: %j',
    (headers) => {
      expect(refusalOf({ host: 'localhost:9000', ...headers })).toMatch(/another site/);
      expect(crossSiteRefusal(headers)).toMatch(/another site/);
    },
  );
});
