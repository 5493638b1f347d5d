/**
 * The gateway's endpoints as plain data (no imports), so that tests outside the app can check
 * they cover every one. endpoints.ts must implement exactly these (its unit test checks).
 */
export const gatewayEndpoints = [
	'GET ',
	'GET _changes',
	'POST _changes',
	'GET _all_docs',
	'POST _all_docs',
	'POST _bulk_get',
	'POST _revs_diff',
	'POST _bulk_docs',
	'POST _ensure_full_commit',
	'GET _local/{id}',
	'PUT _local/{id}',
	'GET {doc}',
	'PUT {doc}',
	'DELETE {doc}',
	'GET {doc}/{attachment}',
	'PUT {doc}/{attachment}'
] as const;
