/**
 * The cross-border example of the README and of `npm start`: a French freezing order, its
 * wallets followed into the German watchlist and the Singapore disclosures in one query.
 * The integration tests run exactly this text.
 */
export const EXAMPLE_QUERY = `query CrossBorder($order: ID!) {
  fr {
    freezingOrder(id: $order) {
      id
      issuingAuthority
      offence
      status
      wallets {
        id
        de {
          watchlistEntries { id authority program subject { name } }
        }
        sg {
          exchangeDisclosures {
            id
            originatingVasp { name country }
            beneficiaryVasp { name country }
            transaction { asset amount occurredAt }
          }
        }
      }
    }
  }
}`;

export const EXAMPLE_VARIABLES = { order: 'FR-FO-0000001' };

/** Who the example asks as: a French investigator working a case. */
export const EXAMPLE_CALLER = {
  role: 'INVESTIGATOR',
  country: 'FR',
  agency: 'OFAC (Office anti-cybercriminalité)',
  purpose: 'CRIMINAL_INVESTIGATION',
  caseRef: 'FR-PNF-2026-0042',
} as const;

/** A ready-to-paste curl command sending the example to the gateway with a token. */
export function exampleCurl(gatewayUrl: string, token: string): string {
  const body = JSON.stringify({
    query: EXAMPLE_QUERY.replace(/\s+/g, ' '),
    variables: EXAMPLE_VARIABLES,
  });
  return [
    `curl -s ${gatewayUrl}`,
    `  -H 'content-type: application/json'`,
    `  -H 'authorization: Bearer ${token}'`,
    `  -H 'x-comity-purpose: ${EXAMPLE_CALLER.purpose}'`,
    `  -H 'x-comity-case-ref: ${EXAMPLE_CALLER.caseRef}'`,
    `  --data '${body}'`,
  ].join(' \\\n');
}
