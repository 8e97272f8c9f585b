import fc from 'fast-check';

/**
 * Every property test of every level runs with this configuration (jest `setupFiles`):
 * - a failure reports its seed and path (fast-check's own message) and, with `verbose`, the
 *   counterexamples it tried while shrinking;
 * - `FC_SEED=<seed>` (and `FC_PATH=<path>`, both printed by a failure) replays that run exactly:
 *   `FC_SEED=123 FC_PATH=4:2 npx jest path/to/file.spec.ts`.
 */
const seed = process.env.FC_SEED;
const path = process.env.FC_PATH;
fc.configureGlobal({
  ...fc.readConfigureGlobal(),
  verbose: 1,
  ...(seed !== undefined && seed !== '' ? { seed: Number(seed) } : {}),
  ...(path !== undefined && path !== '' ? { path } : {}),
});
