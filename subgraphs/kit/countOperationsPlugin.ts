import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { Kind } from 'graphql';
import type { SubgraphMetrics } from './metrics/createSubgraphMetrics.js';

/**
 * Counts the operations a subgraph serves by kind of root field: `entities` for the
 * gateway's `_entities` hops, `service` for `_service`, `query` otherwise. The batching test
 * reads these counts from /metrics to prove one `_entities` call per jurisdiction and hop.
 */
export function countOperationsPlugin(metrics: SubgraphMetrics): ApolloServerPlugin<BaseContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation }) {
          if (!operation) return;
          const rootFields = operation.selectionSet.selections.flatMap((selection) =>
            selection.kind === Kind.FIELD ? [selection.name.value] : [],
          );
          const kind = rootFields.includes('_entities')
            ? 'entities'
            : rootFields.includes('_service')
              ? 'service'
              : 'query';
          metrics.operations.inc({ kind });
        },
      };
    },
  };
}
