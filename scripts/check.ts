import { lintPolicy } from '../schema/policy/lintPolicy.js';
import { loadJurisdictionSchemas } from '../schema/policy/loadJurisdictionSchemas.js';
import { commandLine, parseOptions } from './commandLine.js';

// `npm run check`: the policy lint (docs/architecture.md §5) over every jurisdiction's subgraph schema.
// Exits 1 when any jurisdiction has a problem, so CI fails before such a schema is served.
commandLine(
  'check',
  "usage: npm run check\n  lints every member's policy; exits 1 on any problem (takes no options)",
  () => parseOptions({}, process.argv.slice(2)),
);
try {
  const jurisdictions = await loadJurisdictionSchemas();
  const problems = jurisdictions.flatMap(({ schema, policy }) => lintPolicy(schema, policy));
  for (const problem of problems) {
    console.error(
      `${problem.jurisdiction} ${problem.coordinate}: ${problem.rule}: ${problem.message}`,
    );
  }
  const codes = jurisdictions.map(({ policy }) => policy.jurisdiction).join(', ');
  if (problems.length > 0) {
    console.error(`check: ${problems.length} policy problem(s) in ${codes}`);
    process.exitCode = 1;
  } else {
    console.log(`check: policy lint OK for ${codes}`);
  }
} catch (error) {
  // A policy naming a type or field the schema lacks fails here, before any rule runs.
  console.error(`check: ${(error as Error).message}`);
  process.exitCode = 1;
}
