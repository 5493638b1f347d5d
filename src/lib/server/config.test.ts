import { describe, expect, it } from 'vitest';
import { loadConfig } from './config';

describe('server settings', () => {
	it('default to the embedded store with demo data', () => {
		expect(loadConfig({})).toEqual({
			PEP_DATA_DIR: './data',
			PEP_DEMO: 'on',
			PEP_SESSION_HOURS: 12
		});
	});

	it('refuse a bad value, naming the variable', () => {
		expect(() => loadConfig({ COUCHDB_URL: 'couch.internal' })).toThrow(/COUCHDB_URL/);
		expect(() => loadConfig({ PEP_SESSION_SECRET: 'short' })).toThrow(
			/PEP_SESSION_SECRET: must be at least 32 characters/
		);
		expect(() => loadConfig({ PEP_DEMO: 'yes' })).toThrow(/PEP_DEMO/);
		expect(() => loadConfig({ PEP_SESSION_HOURS: 'forever' })).toThrow(/PEP_SESSION_HOURS/);
		expect(() => loadConfig({ PROTOCOL_HEADER: 'X-Forwarded-Proto: https' })).toThrow(
			/PROTOCOL_HEADER: must be a header name/
		);
	});

	it("take the demo's day as a real calendar date", () => {
		expect(loadConfig({ PEP_DEMO_DAY: '2028-02-29' }).PEP_DEMO_DAY).toBe('2028-02-29');
		expect(loadConfig({}).PEP_DEMO_DAY).toBeUndefined();
		expect(() => loadConfig({ PEP_DEMO_DAY: '2027-02-30' })).toThrow(
			/PEP_DEMO_DAY: is not a real calendar date/
		);
		expect(() => loadConfig({ PEP_DEMO_DAY: '30/01/2027' })).toThrow(/PEP_DEMO_DAY/);
	});
});
