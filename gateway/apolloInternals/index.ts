// The one door to Apollo's private code (deep requires into dist/, the replaced
// executeQueryPlan, private plan types): nothing else in the gateway imports those.
export { assertTestedApolloVersions } from './checkApolloVersions.js';
export { installApolloInternals } from './installApolloInternals.js';
export { INCOMING_OPERATION } from './incomingOperation.js';
export { presignLaterFetches } from './presignLaterFetches.js';
export type { Presigning } from './presignLaterFetches.js';
