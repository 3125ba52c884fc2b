import fs from 'node:fs';
import path from 'node:path';
import { API_ROUTE_PREFIX, LINK_CANCEL_ROUTE, LINK_PAGE_ROUTE, linkPageUrl, maskLinkTokens } from '../../../../src/domain';

const TOKEN = 'q1w2e3r4t5y6u7i8o9p0aZ';

describe('the deep-link routes (one declaration)', () => {
  test('are the routes API.md documents, under the route prefix host.json sets', () => {
    const hostJson = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../../host.json'), 'utf8')) as { extensions: { http: { routePrefix: string } } };
    expect(API_ROUTE_PREFIX).toBe(hostJson.extensions.http.routePrefix);
    expect([LINK_PAGE_ROUTE, LINK_CANCEL_ROUTE]).toEqual(['links/{token}', 'links/{token}/cancel']);
  });

  test.each([
    ['plain base', 'https://comms.contoso.com', TOKEN, `https://comms.contoso.com/api/links/${TOKEN}`],
    ['trailing slashes', 'https://comms.contoso.com//', TOKEN, `https://comms.contoso.com/api/links/${TOKEN}`],
    ['base path kept', 'https://contoso.com/meetings', TOKEN, `https://contoso.com/meetings/api/links/${TOKEN}`],
    ['token encoded', 'https://comms.contoso.com', 'a/b?c', 'https://comms.contoso.com/api/links/a%2Fb%3Fc'],
  ])('linkPageUrl: %s', (_name, base, token, url) => {
    expect(linkPageUrl(base, token)).toBe(url);
  });

  test.each([
    ['page', `GET /api/links/${TOKEN}`, 'GET /api/links/…'],
    ['cancel form, query', `/api/links/${TOKEN}/cancel?x=1`, '/api/links/…/cancel?x=1'],
    ['absolute URL, fragment', `http://127.0.0.1:7071/api/links/${TOKEN}#top`, 'http://127.0.0.1:7071/api/links/…#top'],
    ['every occurrence', `/api/links/${TOKEN} then /api/links/other`, '/api/links/… then /api/links/…'],
    ['other routes untouched', '/api/meetings/A-1001/cancel', '/api/meetings/A-1001/cancel'],
  ])('maskLinkTokens: %s', (_name, url, masked) => {
    expect(maskLinkTokens(url)).toBe(masked);
  });
});
