import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { Supergraph } from '@apollo/federation-internals';
import { codegen } from '@graphql-codegen/core';
import type { Types } from '@graphql-codegen/plugin-helpers';
import { preset } from '@graphql-codegen/client-preset';
import { parse, printSchema } from 'graphql';
import { REPO_ROOT, memberCodes } from '../../core/federationConfig.js';
import { expandMemberTemplate } from './expandMemberTemplate.js';

/** Where the dashboard's operation templates are; those under public/ anonymous callers may run. */
export const OPERATIONS_DIR = path.join(REPO_ROOT, 'dashboard', 'operations');
/** Where GraphQL Code Generator's client preset writes the typed documents. */
export const GENERATED_DIR = path.join(REPO_ROOT, 'dashboard', 'src', 'gql');

export interface DashboardOperation {
  name: string;
  /** The template's path, relative to the repository root. */
  source: string;
  public: boolean;
  /** The template expanded for the current membership. */
  document: string;
}

export interface DashboardCode {
  operations: DashboardOperation[];
  /** Generated files by path (absolute): graphql.ts, gql.ts, index.ts, persisted-documents.json. */
  files: Map<string, string>;
  /** GraphQL Code Generator's persisted-documents manifest: sha256 → normalised document. */
  persistedDocuments: Record<string, string>;
}

/** The dashboard's operations, expanded for the members of schema/subgraphs.json. */
export function readDashboardOperations(members = memberCodes()): DashboardOperation[] {
  const read = (dir: string, isPublic: boolean): DashboardOperation[] =>
    readdirSync(dir, { withFileTypes: true })
      .filter((entry) => entry.isFile() && entry.name.endsWith('.graphql'))
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((entry) => {
        const file = path.join(dir, entry.name);
        const document = expandMemberTemplate(readFileSync(file, 'utf8'), members);
        const names = parse(document).definitions.flatMap((definition) =>
          definition.kind === 'OperationDefinition' && definition.name
            ? [definition.name.value]
            : [],
        );
        if (names.length !== 1) {
          throw new Error(`${file}: one named operation per file (found ${names.length})`);
        }
        return {
          name: names[0]!,
          source: path.relative(REPO_ROOT, file).split(path.sep).join('/'),
          public: isPublic,
          document,
        };
      });
  return [...read(path.join(OPERATIONS_DIR, 'public'), true), ...read(OPERATIONS_DIR, false)];
}

/** The API schema the gateway serves (the supergraph without its join metadata). */
export function apiSchemaOf(supergraphFile = path.join(REPO_ROOT, 'schema', 'supergraph.graphql')) {
  return Supergraph.build(readFileSync(supergraphFile, 'utf8')).apiSchema().toGraphQLJSSchema();
}

/**
 * Runs GraphQL Code Generator's client preset over the dashboard's operations: typed document
 * nodes carrying their sha256, and the persisted-documents manifest the gateway's trusted
 * documents are generated from. Nothing is written here.
 */
export async function generateDashboardCode(members = memberCodes()): Promise<DashboardCode> {
  const operations = readDashboardOperations(members);
  const schemaAst = apiSchemaOf();
  const schema = parse(printSchema(schemaAst));
  const documents: Types.DocumentFile[] = operations.map((operation) => ({
    location: operation.source,
    document: parse(operation.document),
    rawSDL: operation.document,
  }));
  const config = {
    useTypeImports: true,
    enumsAsTypes: true,
    scalars: {
      WalletId: 'string',
      CountryCode: 'string',
      Decimal: 'string',
      DateTime: 'string',
    },
    strictScalars: true,
  };
  const sections = await preset.buildGeneratesSection({
    baseOutputDir: `${GENERATED_DIR}/`,
    schema,
    schemaAst,
    documents,
    config,
    presetConfig: { fragmentMasking: false, persistedDocuments: { hashAlgorithm: 'sha256' } },
    plugins: [],
    pluginMap: {},
    documentTransforms: [],
  });
  const files = new Map<string, string>();
  await Promise.all(
    sections.map(async (section) => {
      files.set(section.filename, await codegen({ ...section, schemaAst }));
    }),
  );
  const manifestFile = path.join(GENERATED_DIR, 'persisted-documents.json');
  const persistedDocuments = JSON.parse(files.get(manifestFile) ?? '{}') as Record<string, string>;
  return { operations, files, persistedDocuments };
}
