/** Real on-disk PouchDB databases in a temporary folder, for tests of server modules. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabases, type Databases } from '../store/databases';

export function tempDatabases(): Databases & { dir: string; close(): Promise<void> } {
	const dir = mkdtempSync(join(tmpdir(), 'pep-test-'));
	const db = openDatabases({ PEP_DATA_DIR: dir, COUCHDB_URL: undefined });
	return {
		...db,
		dir,
		async close() {
			await Promise.all([db.record.close(), db.users.close()]);
			rmSync(dir, { recursive: true, force: true });
		}
	};
}
