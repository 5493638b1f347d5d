import { describe, expect, it } from 'vitest';
import { gatewayEndpoints } from './endpoint-list';
import { endpoints, pathPattern } from './endpoints';

describe('the gateway endpoint table', () => {
	it('implements exactly the listed endpoints, which the authorization matrix covers', () => {
		expect(endpoints.map((e) => `${e.method} ${e.path}`).sort()).toEqual(
			[...gatewayEndpoints].sort()
		);
	});

	it('reads each kind of path', () => {
		expect(pathPattern(undefined)).toEqual({ pattern: '', id: '', attachment: '' });
		expect(pathPattern('_changes')).toMatchObject({ pattern: '_changes' });
		expect(pathPattern('_local/abc/def')).toEqual({
			pattern: '_local/{id}',
			id: 'abc/def',
			attachment: ''
		});
		expect(pathPattern('child:x1234')).toEqual({
			pattern: '{doc}',
			id: 'child:x1234',
			attachment: ''
		});
		expect(pathPattern('child:x1234/file')).toEqual({
			pattern: '{doc}/{attachment}',
			id: 'child:x1234',
			attachment: 'file'
		});
	});
});
