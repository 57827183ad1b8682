import { describe, expect, it } from 'vitest';
import { RETURN_URL_PARAM, returnUrl, signInQuery } from './return-url';

describe('returnUrl', () => {
  it("returns to the app's page that was asked for, its query kept", () => {
    expect(returnUrl('/alerts?tenant=acme&alert=a1')).toBe('/alerts?tenant=acme&alert=a1');
    expect(returnUrl('/hosts/web-01')).toBe('/hosts/web-01');
  });

  it("goes to the app's start for nothing asked, another site, or the sign-in page itself", () => {
    for (const asked of [null, '', 'https://evil.example/', '//evil.example/x', '/\\evil.example', 'javascript:alert(1)', '/sign-in', '/sign-in?next=%2Fhosts']) {
      expect(returnUrl(asked)).toBe('/');
    }
  });
});

describe('signInQuery', () => {
  it('names the page asked for, and nothing for the pages the app opens on anyway', () => {
    expect(signInQuery('/alerts?tenant=acme&alert=a1')).toEqual({ [RETURN_URL_PARAM]: '/alerts?tenant=acme&alert=a1' });
    expect(signInQuery('/')).toEqual({});
    expect(signInQuery('/overview')).toEqual({});
  });
});
