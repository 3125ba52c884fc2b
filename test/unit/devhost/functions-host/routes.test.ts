import { compareRoutes, matchRoute, parseRoute } from '../../../../devhost/functions-host/routes';

describe('route templates', () => {
  test.each([
    ['meetings/{meetingId}', 'meetings/A-1001', { meetingId: 'A-1001' }],
    ['meetings/{meetingId}', 'MEETINGS/a%20b', { meetingId: 'a b' }],
    ['meetings/{meetingId}/cancel', 'meetings/A-1/cancel', { meetingId: 'A-1' }],
    ['items/{id:int}', 'items/42', { id: '42' }],
    ['items/{id:int}', 'items/4x2', undefined],
    ['items/{id:guid}', 'items/0f8fad5b-d9cb-469f-a165-70867728950e', { id: '0f8fad5b-d9cb-469f-a165-70867728950e' }],
    ['items/{flag:bool}', 'items/maybe', undefined],
    ['files/{*path}', 'files/a/b/c.txt', { path: 'a/b/c.txt' }],
    ['opt/{a}/{b?}', 'opt/1', { a: '1' }],
    ['opt/{a}/{b?}', 'opt/1/2', { a: '1', b: '2' }],
    ['opt/{a}/{b?}', 'opt/1/2/3', undefined],
    ['health', 'health/', {}],
    ['health', 'healthz', undefined],
  ])('%s matches %s → %j', (template, path, expected) => {
    expect(matchRoute(parseRoute(template), path)).toEqual(expected);
  });

  test('more specific routes sort first, segment by segment', () => {
    const sorted = ['{*all}', 'a/{x}', 'a/{x:int}', 'a/b', 'a/{x}/{y?}'].map(parseRoute).sort(compareRoutes).map((r) => r.template);
    expect(sorted).toEqual(['a/b', 'a/{x:int}', 'a/{x}/{y?}', 'a/{x}', '{*all}']);
  });
});
