/**
 * Imported first by main.tsx, before any schema is built. Zod compiles object parsers with
 * `new Function` unless told not to, and probes for it when a schema is created; under the
 * page's strict CSP (no 'unsafe-eval') that probe fails quietly but is still reported as a
 * CSP violation in the console. Jitless parsing is plenty fast for a form.
 */
import { z } from 'zod'

z.config({ jitless: true })
