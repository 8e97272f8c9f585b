import {
  BatchProjection,
  Projection,
  analyticsProjection,
  historyProjection,
  matrixProjection,
} from '@mesas/projections';

/**
 * Every projection this build maintains, in one list that every process reads: the API and the
 * worker run them, the CLI rebuilds them and reports their status. A new read model registers here.
 */
export const PROJECTIONS: readonly (Projection | BatchProjection)[] = [
  matrixProjection,
  analyticsProjection,
  historyProjection,
];
