import { z } from 'zod';

// Zod compiles faster parsers with `new Function` when it can, and probes for that on first use.
// The app's Content-Security-Policy forbids it (no 'unsafe-eval'), so the probe would fail anyway
// and be reported as a violation: tell zod not to try.
z.config({ jitless: true });
