// The app renders on the client only, so its shell can start from the service worker cache
// with no network. Server routes (+server.ts) still run on the server.
export const ssr = false;
export const prerender = false;
