import { describe, expect, it } from 'vitest';
import { reachableChildren, withdrawnChildren } from './withdrawal';

describe('children withdrawn from this person', () => {
	it('are those on the device that the server no longer lets them reach', () => {
		const ids = ['assign:u1', 'authority:a1', 'child:kept0001', 'child:kept0001:pep:p0000001:a', 'child:gone0001:pep:p0000002:b', 'child:gone0001'];
		expect(withdrawnChildren(ids, new Set(['kept0001', 'other001']))).toEqual(['gone0001']);
		expect(withdrawnChildren(ids, new Set(['kept0001', 'gone0001']))).toEqual([]);
	});

	it('are not decided when the server cannot say', async () => {
		const offline = (() => Promise.reject(new TypeError('Failed to fetch'))) as typeof fetch;
		expect(await reachableChildren(offline)).toBeNull();
		const refused = (async () => new Response('{}', { status: 401 })) as typeof fetch;
		expect(await reachableChildren(refused)).toBeNull();
		const odd = (async () => new Response('{"childIds": "all"}')) as typeof fetch;
		expect(await reachableChildren(odd)).toBeNull();
		const ok = (async () => new Response('{"childIds": ["a1234"]}')) as typeof fetch;
		expect(await reachableChildren(ok)).toEqual(new Set(['a1234']));
	});
});
