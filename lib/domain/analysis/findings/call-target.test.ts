import { describe, expect, it } from 'vitest';
import { callTarget } from './call-target';

const str = (v: string) => ({ stringValue: v });

describe('callTarget', () => {
  it('prefers the URL without its query, then route/path, RPC method, statement, queue, and falls back to the name', () => {
    expect(callTarget('POST', { 'url.full': str('http://seats:8080/lock/acquire?seat=12'), 'http.route': str('/lock/:op') })).toBe('http://seats:8080/lock/acquire');
    expect(callTarget('GET', { 'http.route': str('/items/:id'), 'url.path': str('/items/7') })).toBe('/items/:id');
    expect(callTarget('ledger.Ledger/Post', { 'rpc.service': str('ledger.Ledger'), 'rpc.method': str('Post') })).toBe('ledger.Ledger/Post');
    expect(callTarget('SELECT', { 'db.statement': str('SELECT * FROM seats WHERE id = $1') })).toBe('SELECT * FROM seats WHERE id = $1');
    expect(callTarget('publish', { 'messaging.destination.name': str('media.jobs') })).toBe('media.jobs');
    expect(callTarget('POST', { 'server.address': str('seats') })).toBe('POST');
    expect(callTarget('POST', undefined)).toBe('POST');
  });
});
