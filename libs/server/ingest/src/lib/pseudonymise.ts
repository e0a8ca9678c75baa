import crypto from 'node:crypto';

/**
 * The staff pseudonym: HMAC-SHA256(key, organisation code + ":" + employee number) as hex. The import
 * computes the same value in SQL (pgcrypto `hmac`); this is for code that must find one person.
 */
export const pseudonymise = (key: string, orgCode: string, employeeNumber: string) =>
  crypto.createHmac('sha256', key).update(`${orgCode}:${employeeNumber}`).digest('hex');
