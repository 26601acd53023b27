export type Region = 'na' | 'eu' | 'fe';

export interface Marketplace {
  id: string;
  country: string;
  region: Region;
}

/** Amazon's marketplace IDs and the SP-API region that serves each. */
export const MARKETPLACES: readonly Marketplace[] = [
  { id: 'ATVPDKIKX0DER', country: 'US', region: 'na' },
  { id: 'A2EUQ1WTGCTBG2', country: 'CA', region: 'na' },
  { id: 'A1AM78C64UM0Y8', country: 'MX', region: 'na' },
  { id: 'A2Q3Y263D00KWC', country: 'BR', region: 'na' },
  { id: 'A1F83G8C2ARO7P', country: 'UK', region: 'eu' },
  { id: 'A1PA6795UKMFR9', country: 'DE', region: 'eu' },
  { id: 'A13V1IB3VIYZZH', country: 'FR', region: 'eu' },
  { id: 'APJ6JRA9NG5V4', country: 'IT', region: 'eu' },
  { id: 'A1RKKUPIHCS9HS', country: 'ES', region: 'eu' },
  { id: 'A1805IZSGTT6HS', country: 'NL', region: 'eu' },
  { id: 'A2NODRKZP88ZB9', country: 'SE', region: 'eu' },
  { id: 'A1C3SOZRARQ6R3', country: 'PL', region: 'eu' },
  { id: 'AMEN7PMS3EDWL', country: 'BE', region: 'eu' },
  { id: 'A33AVAJ2PDY3EV', country: 'TR', region: 'eu' },
  { id: 'A21TJRUUN4KGV', country: 'IN', region: 'eu' },
  { id: 'A2VIGQ35RCS4UG', country: 'AE', region: 'eu' },
  { id: 'A17E79C6D8DWNP', country: 'SA', region: 'eu' },
  { id: 'ARBP9OOSHTCHU', country: 'EG', region: 'eu' },
  { id: 'A28R8C7NBKEWEA', country: 'IE', region: 'eu' },
  { id: 'A1VC38T7YXB528', country: 'JP', region: 'fe' },
  { id: 'A39IBJ37TRP1C6', country: 'AU', region: 'fe' },
  { id: 'A19VAU5U5O7RUS', country: 'SG', region: 'fe' },
];

const BY_ID = new Map(MARKETPLACES.map((m) => [m.id, m]));
const BY_COUNTRY = new Map(MARKETPLACES.map((m) => [m.country, m]));

export function findMarketplace(idOrCountry: string): Marketplace | undefined {
  const key = idOrCountry.trim();
  return BY_ID.get(key) ?? BY_COUNTRY.get(key.toUpperCase() === 'GB' ? 'UK' : key.toUpperCase());
}
