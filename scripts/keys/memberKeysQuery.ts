/**
 * The public operation partners fetch the members' published keys with (docs/keys.md). It is
 * in the gateway's trusted-document manifest as public, so anyone may run it without a token;
 * it is sent as exactly this text.
 */
export const MEMBER_KEYS_QUERY = `query MemberKeys {
  members {
    code
    keys {
      auditCheckpoint { kid alg validFrom jwk { kty crv x y n e kid alg use } }
      contextTrust { keys { kty crv x y n e kid alg use } }
      secretExchange { kid alg validFrom jwk { kty crv x y n e kid alg use } }
    }
  }
}
`;
