import { describe, expect, it } from 'vitest';
import { ConfigError, hashApiKey, loadConfig, loadEnvCredentials, loadReadConfig } from '../../shared/config.js';

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

  it('reads the aliases of the public base, without trailing slashes', () => {
    const config = loadConfig({
      PUBLIC_BASE_URL: 'https://embeds.example.com/',
      PUBLIC_BASE_ALIASES: ' https://d1.cloudfront.net/ ,http://old.example.com',
    });
    expect(config.publicBaseUrl).toBe('https://embeds.example.com');
    expect(config.publicBaseAliases).toEqual(['https://d1.cloudfront.net', 'http://old.example.com']);
  });

  it('reads what the oEmbed function needs without the write settings, and names every problem', () => {
    expect(loadReadConfig({ POSTKEEP_TABLE: 'posts', PORT: '9000' })).toEqual({
      table: 'posts',
      region: 'us-east-1',
      port: 9000,
      publicBaseUrl: 'http://127.0.0.1:9000',
      publicBaseAliases: [],
      s3Endpoint: null,
      dynamoEndpoint: null,
      logLevel: 'INFO',
    });
    // The oEmbed function logs through the same logger, so it reads LOG_LEVEL too, in any case.
    expect(loadReadConfig({ LOG_LEVEL: ' warn ' }).logLevel).toBe('WARN');
    // Write settings are not its business: a bad one does not stop the read path.
    expect(() => loadReadConfig({ RECHECK_BATCH: '0' })).not.toThrow();
    expect(() => loadReadConfig({ POSTKEEP_TABLE: 'x', PUBLIC_BASE_ALIASES: 'ftp://x', AWS_ENDPOINT_URL_DYNAMODB: 'nope' })).toThrow(
      /POSTKEEP_TABLE.*PUBLIC_BASE_ALIASES.*AWS_ENDPOINT_URL_DYNAMODB/,
    );
  });

  it.each([
    [{ PORT: 'eighty' }],
    [{ PORT: '70000' }],
    [{ INSTAGRAM_ORIGIN: 'ftp://x' }],
    [{ PUBLIC_BASE_URL: 'not a url' }],
    [{ PUBLIC_BASE_ALIASES: 'https://ok.example, javascript:alert(1)' }],
    [{ AWS_REGION: '' }],
    [{ API_KEY_HASHES: 'abc' }],
    [{ LOG_LEVEL: 'LOUD' }],
  ])('fails fast on %j', (env) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
  });
});

describe('loadEnvCredentials (the oEmbed function’s only credential source)', () => {
  it('takes the role credentials Lambda puts in the environment', () => {
    expect(loadEnvCredentials({ AWS_ACCESS_KEY_ID: 'ASIAEXAMPLE', AWS_SECRET_ACCESS_KEY: 'secret', AWS_SESSION_TOKEN: 'token' })).toEqual({
      accessKeyId: 'ASIAEXAMPLE',
      secretAccessKey: 'secret',
      sessionToken: 'token',
    });
  });

  it('sends no session token when there is none (long-term keys)', () => {
    expect(loadEnvCredentials({ AWS_ACCESS_KEY_ID: 'AKIAEXAMPLE', AWS_SECRET_ACCESS_KEY: 'secret' })).toEqual({
      accessKeyId: 'AKIAEXAMPLE',
      secretAccessKey: 'secret',
    });
  });

  it.each([[{}], [{ AWS_ACCESS_KEY_ID: 'AKIAEXAMPLE' }], [{ AWS_SECRET_ACCESS_KEY: 'secret', AWS_SESSION_TOKEN: 'token' }]])(
    'fails clearly on %j',
    (env) => {
      expect(() => loadEnvCredentials(env)).toThrow(/AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY/);
    },
  );
});
