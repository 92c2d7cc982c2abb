import { defaultFieldResolver } from 'graphql';
import type { GraphQLSchema } from 'graphql';
import { policySpecSdl } from '../../../core/policy/policySpec.js';
import { cannotApply, minimizationApplies, minimize } from '../../../core/policy/minimize.js';
import type { MinimizeRule } from '../../../core/policy/types.js';
import { forbiddenError } from './accessDirective.js';
import type { PolicyContext } from './PolicyContext.js';
import { mapFieldPolicies } from './mapFieldPolicies.js';
import { DEFAULT_POLICY_DIRECTIVE_NAMES } from '../../../core/policy/readPolicyDirectives.js';

/**
 * The `@minimize` directive transformer. A field with rules (its own or its object's) has
 * its resolved value reduced by the first rule whose exemptions do not cover the caller,
 * before the value is written to the response; the ledger records the field as minimised
 * or released. Values are never recorded. A rule that cannot be carried out for the request
 * (a pseudonym without a case) withholds the field as `@access` does: null, a FORBIDDEN error
 * with the reason on its path, the resolver never run, the rest of the answer intact.
 */
export function minimizeDirective(directiveName = 'minimize') {
  const names = { ...DEFAULT_POLICY_DIRECTIVE_NAMES, minimize: directiveName };
  return {
    minimizeDirectiveTypeDefs: policySpecSdl(),
    minimizeDirectiveTransformer: (schema: GraphQLSchema, jurisdiction: string): GraphQLSchema =>
      mapFieldPolicies(schema, jurisdiction, names, (fieldConfig, policy, coordinate) => {
        if (policy.minimize.length === 0 && policy.access === null && !policy.personalData) {
          return fieldConfig;
        }
        const resolve = fieldConfig.resolve ?? defaultFieldResolver;
        const release = (
          value: unknown,
          rule: MinimizeRule | undefined,
          context: PolicyContext,
        ) => {
          if (rule === undefined) {
            context.releases.release(coordinate);
            return value;
          }
          context.releases.minimise(coordinate, rule.strategy);
          return minimize(value, rule, { pseudonymKey: context.pseudonymKey });
        };
        return {
          ...fieldConfig,
          // A plain value stays plain: were this wrapper async, graphql-js would complete every
          // record of a batch on its promise path (a promise per field, Promise.all per object).
          resolve(source, args, context: PolicyContext, info) {
            const rule = policy.minimize.find((candidate) =>
              minimizationApplies(candidate, context.caller),
            );
            const reason =
              rule === undefined ? null : cannotApply(rule, { pseudonymKey: context.pseudonymKey });
            if (reason !== null) {
              context.releases.deny(coordinate, reason);
              throw forbiddenError(jurisdiction, coordinate, { allowed: false, reason });
            }
            const value: unknown = resolve(source, args, context, info);
            return isPromiseLike(value)
              ? Promise.resolve(value).then((settled) => release(settled, rule, context))
              : release(value, rule, context);
          },
        };
      }),
  };
}

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as PromiseLike<unknown> | null)?.then === 'function';
}
