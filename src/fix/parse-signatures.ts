import { SIGNATURE_CODES, type SignatureCode } from '../audit/types.js';
import { ConfigError } from '../errors.js';

/** --signature values to codes; case does not matter, an unknown code is a usage error. */
export function parseSignatures(values: readonly string[] | undefined): Set<SignatureCode> {
  const known = new Set<string>(SIGNATURE_CODES);
  const codes = new Set<SignatureCode>();

  for (const value of values ?? []) {
    const code = value.trim().toUpperCase();
    if (!known.has(code)) {
      throw new ConfigError(
        `--signature: unknown code "${value}".`,
        `Use one of ${SIGNATURE_CODES.join(', ')}.`,
      );
    }
    codes.add(code as SignatureCode);
  }
  return codes;
}
