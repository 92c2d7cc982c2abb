// The layers of docs/architecture.md §2, as rules: `npm test` fails on an import that breaks one.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'core-stands-alone',
      comment: 'core/ is the bottom layer: it imports nothing else of the project.',
      severity: 'error',
      from: { path: '^core/' },
      to: { path: '^(gateway|subgraphs|schema|scripts|bench|test)/' },
    },
    {
      name: 'gateway-not-subgraphs',
      comment: 'The gateway and the members share only core/.',
      severity: 'error',
      from: { path: '^gateway/' },
      to: { path: '^subgraphs/' },
    },
    {
      name: 'subgraphs-not-gateway',
      comment: 'The kit and the members share only core/ with the gateway.',
      severity: 'error',
      from: { path: '^subgraphs/' },
      to: { path: '^gateway/' },
    },
    {
      name: 'kit-not-members',
      comment: 'The kit knows a member only through the membership configuration, by name.',
      severity: 'error',
      from: { path: '^subgraphs/kit/' },
      to: { path: '^subgraphs/', pathNot: '^subgraphs/kit/' },
    },
    {
      name: 'member-imports-kit-and-core',
      comment: 'A member folder imports its own files, the kit and the core only.',
      severity: 'error',
      from: { path: '^subgraphs/([^/]+)/', pathNot: '^subgraphs/kit/' },
      to: {
        path: '^(gateway|schema|scripts|bench|test)/|^subgraphs/',
        pathNot: '^subgraphs/(kit|$1)/',
      },
    },
    {
      name: 'runtime-not-tooling',
      comment: 'scripts/, bench/ and the composition tooling in schema/ stand on top.',
      severity: 'error',
      from: { path: '^(core|gateway|subgraphs)/' },
      to: { path: '^(schema|scripts|bench|test)/.+\\.(ts|js)$' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|dist)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js', '.json'] },
  },
};
