import { ErrorCode } from '../../../core/errors/ErrorCode.js';
import { GraphQLError, defaultFieldResolver } from 'graphql';
import type { GraphQLSchema } from 'graphql';
import { policySpecSdl } from '../../../core/policy/policySpec.js';
import { decideAccess, decideDefaultDeny } from '../../../core/policy/decideAccess.js';
import type { AccessDecision } from '../../../core/policy/decideAccess.js';
import type { PolicyContext } from './PolicyContext.js';
import { mapFieldPolicies } from './mapFieldPolicies.js';
import { DEFAULT_POLICY_DIRECTIVE_NAMES } from '../../../core/policy/readPolicyDirectives.js';

/** The error a denied field carries: the field is null, the rest of the answer arrives. */
export function forbiddenError(
  jurisdiction: string,
  coordinate: string,
  decision: Extract<AccessDecision, { allowed: false }>,
): GraphQLError {
  return new GraphQLError(
    `${jurisdiction} does not release ${coordinate} to this caller (${decision.reason})`,
    {
      extensions: {
        code: ErrorCode.FORBIDDEN,
        jurisdiction,
        reason: decision.reason,
        field: coordinate,
      },
    },
  );
}

/**
 * The `@access` directive transformer (graphql-tools schema-directive pattern). Every field
 * with a rule — its own or its object's — and every personal-data field (default-deny) is
 * wrapped: the caller's roles, purpose and case are checked before the resolver runs, so a
 * denied value is never even read. Fields without either stay unwrapped.
 */
export function accessDirective(directiveName = 'access') {
  const names = { ...DEFAULT_POLICY_DIRECTIVE_NAMES, access: directiveName };
  return {
    accessDirectiveTypeDefs: policySpecSdl(),
    accessDirectiveTransformer: (schema: GraphQLSchema, jurisdiction: string): GraphQLSchema =>
      mapFieldPolicies(schema, jurisdiction, names, (fieldConfig, policy, coordinate) => {
        if (policy.access === null && !policy.personalData) return fieldConfig;
        const decide = policy.personalData ? decideDefaultDeny : decideAccess;
        const resolve = fieldConfig.resolve ?? defaultFieldResolver;
        return {
          ...fieldConfig,
          resolve(source, args, context: PolicyContext, info) {
            let decision = context.accessDecisions.get(coordinate);
            if (decision === undefined) {
              decision = decide(policy.access, context.caller, jurisdiction);
              context.accessDecisions.set(coordinate, decision);
            }
            if (!decision.allowed) {
              context.releases.deny(coordinate, decision.reason);
              throw forbiddenError(jurisdiction, coordinate, decision);
            }
            return resolve(source, args, context, info);
          },
        };
      }),
  };
}
