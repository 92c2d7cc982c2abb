import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { JsonLdParser } from 'jsonld-streaming-parser';
import { DataFactory, Parser, Store } from 'n3';

const { namedNode } = DataFactory;
import SHACLValidator from 'rdf-validate-shacl';
import { REPO_ROOT } from '../../core/federationConfig.js';

const SHAPES_DIR = path.join(REPO_ROOT, 'schema', 'standards', 'case-uco');

const SH_SPARQL = namedNode('http://www.w3.org/ns/shacl#sparql');
const RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';
const HAS_FACET = 'https://ontology.unifiedcyberontology.org/uco/core/hasFacet';
const UUID_SUFFIX = /[0-9a-f]{8}-[0-9a-f]{4}-[0-5][0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const countBy = (values: string[]) => {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return counts;
};

let ontology: Store | null = null;

/** The CASE/UCO ontologies of the repository's copy, shapes included, as one graph. */
function caseUcoOntology(): Store {
  if (ontology) return ontology;
  const store = new Store();
  for (const file of readdirSync(SHAPES_DIR).filter((name) => name.endsWith('.ttl'))) {
    store.addQuads(new Parser().parse(readFileSync(path.join(SHAPES_DIR, file), 'utf8')));
  }
  ontology = store;
  return store;
}

/** JSON-LD (inline context only: a remote one fails) to quads. */
function jsonLdQuads(document: string): Promise<Store> {
  return new Promise((resolve, reject) => {
    const store = new Store();
    const parser = new JsonLdParser({
      documentLoader: {
        load: async (url: string) => {
          throw new Error(`no network: refused to load ${url}`);
        },
      },
    });
    parser.on('data', (quad) => store.addQuad(quad));
    parser.on('error', reject);
    parser.on('end', () => resolve(store));
    parser.write(document);
    parser.end();
  });
}

/**
 * Validates a JSON-LD document against the CASE/UCO SHACL shapes, offline. The data graph is
 * the document plus the ontology, as `case_validate` does, so that `sh:class` and
 * `sh:targetClass` see the subclass hierarchy. Returns the engine's report.
 */
export async function validateCaseUco(document: string) {
  const data = await jsonLdQuads(document);
  const quads = data.size;
  const shapes = caseUcoOntology();
  // rdf-validate-shacl implements SHACL Core, not SHACL-SPARQL: the five `sh:sparql`
  // constraints of UCO 1.4.0 are left to the engine-free checks below (the dictionary ones
  // concern types a manifest does not use).
  for (const quad of shapes.getQuads(null, SH_SPARQL, null, null)) shapes.removeQuad(quad);
  const merged = new Store([
    ...shapes.getQuads(null, null, null, null),
    ...data.getQuads(null, null, null, null),
  ]);
  // Every module the ontologies import is in the copy already: nothing is fetched.
  const validator = new SHACLValidator(shapes, { importGraph: async () => new Store() });
  const report = await validator.validate(merged);
  const dataQuads = data.getQuads(null, null, null, null);
  const typed = new Set(
    dataQuads.filter((q) => q.predicate.value === RDF_TYPE).map((q) => q.subject),
  );
  const sparqlResults = [
    ...[...typed]
      .filter((node) => node.termType === 'BlankNode')
      .map(() => ({ message: 'UcoThings are required to not be blank nodes.' })),
    ...[...typed]
      .filter((node) => node.termType === 'NamedNode' && !UUID_SUFFIX.test(node.value))
      .map((node) => ({
        focusNode: node.value,
        message: 'UcoThings are suggested to end with a UUID.',
      })),
    ...[
      ...countBy(
        dataQuads.filter((q) => q.predicate.value === HAS_FACET).map((q) => q.object.value),
      ),
    ]
      .filter(([, count]) => count > 1)
      .map(([facet]) => ({
        focusNode: facet,
        message: 'hasFacet must not be used to link two objects to one Facet.',
      })),
  ];
  return {
    conforms: report.conforms && sparqlResults.length === 0,
    sparqlResults,
    quads,
    blankNodes: data
      .getQuads(null, null, null, null)
      .filter((q) => q.subject.termType === 'BlankNode').length,
    results: report.results.map((result) => ({
      focusNode: result.focusNode?.value,
      path: result.path?.value,
      message: result.message.map((m) => m.value).join('; '),
      severity: result.severity?.value,
    })),
  };
}
