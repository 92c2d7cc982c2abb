import type { SystemName } from './BenchReport.js';

export const SYSTEM_LABELS: Record<SystemName, string> = {
  direct: '(a) direct critical path',
  'stock-apollo': '(b) stock @apollo/gateway',
  hive: '(c) Hive Gateway',
  comity: '(d) Comity',
};

/** The order the tables list the systems in: the lower bound first, Comity last. */
export const SYSTEM_ORDER: SystemName[] = ['direct', 'stock-apollo', 'hive', 'comity'];
