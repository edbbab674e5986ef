import aws4 from 'aws4';
import { describe, expect, it } from 'vitest';

// AWS's published Signature Version 4 test suite (aws-sig-v4-test-suite): its credentials, time,
// region and service, and the signatures it lists for each request.
const SUITE = {
  credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' },
  date: '20150830T123600Z',
  host: 'example.amazonaws.com',
};

describe('the SigV4 signer the oEmbed reader uses (aws4), on AWS’s published test vectors', () => {
  it.each([
    ['get-vanilla', 'GET', '/', '5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31'],
    ['post-vanilla', 'POST', '/', '5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b'],
    [
      'get-vanilla-query-order-key-case',
      'GET',
      '/?Param2=value2&Param1=value1',
      'b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500',
    ],
  ])('%s', (_name, method, path, signature) => {
    const signed = aws4.sign(
      { host: SUITE.host, method, path, service: 'service', region: 'us-east-1', headers: { 'X-Amz-Date': SUITE.date } },
      SUITE.credentials,
    );
    expect(signed.headers?.Authorization).toBe(
      `AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=${signature}`,
    );
  });

  it('signs differently with another secret (the vectors are not met by accident)', () => {
    const signed = aws4.sign(
      { host: SUITE.host, method: 'GET', path: '/', service: 'service', region: 'us-east-1', headers: { 'X-Amz-Date': SUITE.date } },
      { ...SUITE.credentials, secretAccessKey: 'another-secret' },
    );
    expect(signed.headers?.Authorization).not.toContain('5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31');
  });
});
