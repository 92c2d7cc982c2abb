import { runSubgraph } from '../kit/runSubgraph.js';
import { createServer } from './server.js';

await runSubgraph('de', createServer);
