/**
 * The fake SP-API's own marketplace table. It deliberately does not import the client's table
 * (src/config): the server must be able to disagree with the client about regions.
 */
export type SpRegion = 'na' | 'eu' | 'fe';

export const SP_REGIONS: readonly SpRegion[] = ['na', 'eu', 'fe'];

interface MarketplaceInfo {
  region: SpRegion;
  languageTag: string;
}

const TABLE: Record<string, MarketplaceInfo> = {
  ATVPDKIKX0DER: { region: 'na', languageTag: 'en_US' },
  A2EUQ1WTGCTBG2: { region: 'na', languageTag: 'en_CA' },
  A1AM78C64UM0Y8: { region: 'na', languageTag: 'es_MX' },
  A2Q3Y263D00KWC: { region: 'na', languageTag: 'pt_BR' },
  A1F83G8C2ARO7P: { region: 'eu', languageTag: 'en_GB' },
  A1PA6795UKMFR9: { region: 'eu', languageTag: 'de_DE' },
  A13V1IB3VIYZZH: { region: 'eu', languageTag: 'fr_FR' },
  APJ6JRA9NG5V4: { region: 'eu', languageTag: 'it_IT' },
  A1RKKUPIHCS9HS: { region: 'eu', languageTag: 'es_ES' },
  A1805IZSGTT6HS: { region: 'eu', languageTag: 'nl_NL' },
  A2NODRKZP88ZB9: { region: 'eu', languageTag: 'sv_SE' },
  A1C3SOZRARQ6R3: { region: 'eu', languageTag: 'pl_PL' },
  AMEN7PMS3EDWL: { region: 'eu', languageTag: 'fr_BE' },
  A33AVAJ2PDY3EV: { region: 'eu', languageTag: 'tr_TR' },
  A21TJRUUN4KGV: { region: 'eu', languageTag: 'en_IN' },
  A2VIGQ35RCS4UG: { region: 'eu', languageTag: 'en_AE' },
  A17E79C6D8DWNP: { region: 'eu', languageTag: 'ar_SA' },
  ARBP9OOSHTCHU: { region: 'eu', languageTag: 'ar_EG' },
  A28R8C7NBKEWEA: { region: 'eu', languageTag: 'en_IE' },
  AE08WJ6YKNBMC: { region: 'eu', languageTag: 'en_ZA' },
  A1VC38T7YXB528: { region: 'fe', languageTag: 'ja_JP' },
  A39IBJ37TRP1C6: { region: 'fe', languageTag: 'en_AU' },
  A19VAU5U5O7RUS: { region: 'fe', languageTag: 'en_SG' },
};

export function regionOfMarketplace(marketplaceId: string): SpRegion | undefined {
  return TABLE[marketplaceId]?.region;
}

export function languageTagOf(marketplaceId: string): string {
  return TABLE[marketplaceId]?.languageTag ?? 'en_US';
}

export function isSpRegion(value: string): value is SpRegion {
  return (SP_REGIONS as readonly string[]).includes(value);
}
