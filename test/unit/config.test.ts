import { describe, expect, it } from 'vitest';
import { ConfigError, hashApiKey, loadConfig } from '../../shared/config.js';

describe('loadConfig', () => {
  it('applies the documented defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 8787, dataDir: '.data', publicBaseUrl: 'http://127.0.0.1:8787', instagramOrigin: null });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('keeps only digests of API keys', () => {
    const config = loadConfig({ API_KEYS: 'one, two', API_KEY_HASHES: hashApiKey('three') });
    expect(config.apiKeyHashes).toEqual([hashApiKey('three'), hashApiKey('one'), hashApiKey('two')]);
    expect(JSON.stringify(config)).not.toContain('"one"');
  });

  it.each([[{ PORT: 'eighty' }], [{ INSTAGRAM_ORIGIN: 'ftp://x' }], [{ PUBLIC_BASE_URL: 'not a url' }], [{ API_KEY_HASHES: 'abc' }]])(
    'fails fast on %j',
    (env) => {
      expect(() => loadConfig(env)).toThrow(ConfigError);
    },
  );
});
