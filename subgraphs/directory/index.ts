import { repositoryRuntimeDefaults } from '../../core/federationConfig.js';
import { runSubgraph } from '../kit/runSubgraph.js';
import { createServer } from './server.js';

await runSubgraph('directory', repositoryRuntimeDefaults('directory'), createServer);
