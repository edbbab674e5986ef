import { describe, expect, it } from 'vitest';
import { createUpstreamFetch } from '../../shared/adapters/upstream-fetch.js';
import { UpstreamError } from '../../shared/errors.js';
import { checkUpstreamUrl, isAllowedUpstreamHost, isPublicAddress } from '../../shared/security/upstream-policy.js';

describe('upstream allowlist', () => {
  it.each([
    ['instagram.com', true],
    ['www.instagram.com', true],
    ['instagr.am', true],
    ['scontent-fra5-1.cdninstagram.com', true],
    ['video.xx.fbcdn.net', true],
    ['cdninstagram.com', false],
    ['evilcdninstagram.com', false],
    ['instagram.com.evil.example', false],
    ['m.instagram.com.attacker.net', false],
    ['127.0.0.1', false],
    ['graph.facebook.com', false],
  ])('%s → %s', (host, allowed) => {
    expect(isAllowedUpstreamHost(host)).toBe(allowed);
  });

  it('refuses http, credentials and odd ports even on allowed hosts', () => {
    expect(checkUpstreamUrl('http://www.instagram.com/p/x/').ok).toBe(false);
    expect(checkUpstreamUrl('https://a:b@www.instagram.com/p/x/').ok).toBe(false);
    expect(checkUpstreamUrl('https://www.instagram.com:8443/p/x/').ok).toBe(false);
    expect(checkUpstreamUrl('https://www.instagram.com/p/x/').ok).toBe(true);
  });
});

describe('address classification', () => {
  it.each([
    ['157.240.1.174', true],
    ['2a03:2880:f10c:83:face:b00c:0:25de', true],
    ['127.0.0.1', false],
    ['10.0.0.5', false],
    ['172.16.3.4', false],
    ['192.168.1.1', false],
    ['169.254.169.254', false],
    ['100.64.0.1', false],
    ['0.0.0.0', false],
    ['224.0.0.1', false],
    ['::1', false],
    ['fe80::1', false],
    ['fc00::1', false],
    ['::ffff:127.0.0.1', false],
    ['::ffff:169.254.169.254', false],
    // IPv4-compatible and IPv4-mapped forms written in hex are the IPv4 address they hold.
    ['::7f00:1', false],
    ['::ffff:7f00:1', false],
    ['::a9fe:a9fe', false],
    ['::ffff:a00:5', false],
    ['::ffff:9df0:1ae', true],
    ['::9df0:1ae', true],
    ['not-an-ip', false],
  ])('%s public → %s', (address, expected) => {
    expect(isPublicAddress(address)).toBe(expected);
  });
});

describe('the fetcher refuses allowed names that resolve to private addresses', () => {
  it.each([['127.0.0.1'], ['169.254.169.254'], ['::1'], ['::7f00:1'], ['::ffff:7f00:1'], ['10.1.2.3']])(
    'resolving to %s',
    async (address) => {
      const asked: string[] = [];
      const fetch = createUpstreamFetch({
        origin: null,
        retries: 0,
        resolve: async (hostname) => {
          asked.push(hostname);
          return [{ address, family: address.includes(':') ? 6 : 4 }];
        },
      });
      const attempt = fetch(`https://rebind.cdninstagram.com/v/x.jpg`, { expect: 'image', maxBytes: 1000, timeoutMs: 2000 });
      // Refused by the address check on the socket's own lookup, not by anything before it.
      await expect(attempt).rejects.toBeInstanceOf(UpstreamError);
      await expect(attempt).rejects.toMatchObject({ code: 'upstream_blocked', message: expect.stringContaining('non-public address') });
      expect(asked).toEqual(['rebind.cdninstagram.com']);
    },
  );

  it('refuses a URL off the allowlist before resolving anything', async () => {
    let resolved = false;
    const fetch = createUpstreamFetch({
      origin: null,
      retries: 0,
      resolve: async () => {
        resolved = true;
        return [];
      },
    });
    await expect(fetch('https://example.com/', { expect: 'html', maxBytes: 1000, timeoutMs: 1000 })).rejects.toMatchObject({
      code: 'upstream_blocked',
    });
    expect(resolved).toBe(false);
  });
});
